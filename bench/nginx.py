"""`bench/run.py --nginx`: the same scenarios through Debian's nginx with the repository's site
(deploy/nginx/bekasi-jobs-behind-lb.conf.template via deploy/nginx/run-here.sh) in front of the
same gunicorn, interleaved with gunicorn alone, so the two are measured under the same load.

The issue's target: through nginx, within 20% of gunicorn alone (ratio >= 0.8 in req/s).
"""

import math
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 0.8


def start(*, port, upstream_port):
    if not shutil.which("nginx"):
        raise SystemExit("--nginx needs Debian's nginx (apt-get install nginx)")
    prefix = Path(tempfile.mkdtemp(prefix="bekasi-bench-nginx-"))
    subprocess.run(  # noqa: S603
        [str(ROOT / "deploy" / "nginx" / "run-here.sh"), str(prefix), str(port), f"127.0.0.1:{upstream_port}"],
        check=True,
    )
    return prefix


def stop(prefix):
    subprocess.run(["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-s", "quit"], check=False)  # noqa: S603, S607
    shutil.rmtree(prefix, ignore_errors=True)


def annotate(item, by_connections_nginx):
    """Add the through-nginx figures and their ratio to gunicorn alone to one scenario's results."""
    for c, figures in by_connections_nginx.items():
        direct = item["by_connections"][c]
        figures["ratio_to_gunicorn"] = round(figures["rps"] / direct["rps"], 3) if direct["rps"] else None
        direct["via_nginx"] = figures


def summary(results):
    """Per connection count: the median and geometric mean of the pages' nginx/gunicorn ratios.
    The verdict uses the geometric mean: on a shared 2-core machine one 5-second run of a page
    that does 3 req/s moves its own ratio by 2x either way, the mean over all pages much less."""
    out = {}
    for c in results["connections"]:
        ratios = [
            s["by_connections"][str(c)]["via_nginx"]["ratio_to_gunicorn"]
            for s in results["scenarios"]
            if s["by_connections"][str(c)].get("via_nginx", {}).get("ratio_to_gunicorn")
        ]
        if ratios:
            geomean = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
            out[str(c)] = {
                "median_ratio": round(statistics.median(ratios), 3),
                "geomean_ratio": round(geomean, 3),
                "lowest_ratio": min(ratios),
                "meets_target": geomean >= TARGET_RATIO,
            }
    results["nginx"] = {"target_ratio": TARGET_RATIO, "by_connections": out}
    return out


def print_table(results):
    conns = results["connections"]
    head = f"{'page (nginx vs gunicorn alone)':<42}"
    for c in conns:
        head += f" {'gunicorn@' + str(c):>11} {'nginx@' + str(c):>9} {'ratio':>6} {'p95 g/n':>13}"
    print(head)
    for s in results["scenarios"]:
        line = f"{s['name'][:42]:<42}"
        for c in conns:
            direct = s["by_connections"][str(c)]
            via = direct.get("via_nginx")
            if not via:
                continue
            ratio = via["ratio_to_gunicorn"]
            line += (
                f" {direct['rps']:>11.0f} {via['rps']:>9.0f} {ratio:>5.0%}"
                f" {direct['p95_ms']:>5.0f}/{via['p95_ms']:<5.0f}ms"
            )
        print(line)
    for c, figures in summary(results).items():
        verdict = "ok" if figures["meets_target"] else "MISSED"
        print(
            f"{c} connections: nginx/gunicorn geometric mean {figures['geomean_ratio']:.0%}, median "
            f"{figures['median_ratio']:.0%}, lowest {figures['lowest_ratio']:.0%} "
            f"(target: geometric mean >= {TARGET_RATIO:.0%}): {verdict}"
        )
