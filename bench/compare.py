"""Print a Markdown table comparing two `make bench` result files, by scenario name:
`python bench/compare.py bench/results-before.json bench/results.json`."""

import json
import sys


def load(path):
    with open(path) as f:
        data = json.load(f)
    return data, {s["name"].split(" (")[0]: s for s in data["scenarios"]}


def _queries(s):
    return str(s["queries"])


def _rps(s, c):
    f = s["by_connections"][c]
    return f"{f['rps']:.0f} ({f['ratio']:.0%})"


def _p95(s, c):
    return f"{s['by_connections'][c]['p95_ms']:.0f} ms"


def _cpu(s):
    return f"{s['cpu_ms']:.1f}" if s.get("cpu_ms") is not None else "–"


def main():
    before_meta, before = load(sys.argv[1])
    after_meta, after = load(sys.argv[2])
    top = str(max(after_meta["connections"]))
    print(f"| page | queries | req/s @8 (share of bare) | req/s @{top} (share) | p95 @{top} | CPU ms in-process |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, a in after.items():
        b = before.get(name)
        cells = [name]
        for fn in (_queries, lambda s: _rps(s, "8"), lambda s: _rps(s, top), lambda s: _p95(s, top), _cpu):
            cells.append(f"{fn(b)} → {fn(a)}" if b else fn(a))
        print("| " + " | ".join(cells) + " |")
    for label, meta in (("before", before_meta), ("after", after_meta)):
        print(f"\n{label}: {meta['started']}, commit {meta['commit']}, {meta['seekers']:,} seekers, load "
              f"{meta['load_before']} → {meta['load_after']}")  # fmt: skip


if __name__ == "__main__":
    main()
