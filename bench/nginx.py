"""`bench/run.py --nginx`: the same scenarios through Debian's nginx with the repository's site
(deploy/nginx/bekasi-jobs-behind-lb.conf.template via deploy/nginx/run-here.sh) in front of the
same gunicorn, interleaved with gunicorn alone, so the two are measured under the same load.

The issue's target: through nginx, within 20% of gunicorn alone (ratio >= 0.8 in req/s).
"""

import shutil
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


def print_table(results):
    conns = results["connections"]
    head = f"{'page (nginx vs gunicorn alone)':<42}"
    for c in conns:
        head += f" {'gunicorn@' + str(c):>11} {'nginx@' + str(c):>9} {'ratio':>6} {'p95 g/n':>13}"
    print(head)
    worst = None
    for s in results["scenarios"]:
        line = f"{s['name'][:42]:<42}"
        for c in conns:
            direct = s["by_connections"][str(c)]
            via = direct.get("via_nginx")
            if not via:
                continue
            ratio = via["ratio_to_gunicorn"]
            worst = ratio if worst is None else min(worst, ratio)
            line += (
                f" {direct['rps']:>11.0f} {via['rps']:>9.0f} {ratio:>5.0%}"
                f" {direct['p95_ms']:>5.0f}/{via['p95_ms']:<5.0f}ms"
            )
        print(line)
    if worst is not None:
        verdict = "ok" if worst >= TARGET_RATIO else "MISSED"
        print(f"lowest nginx/gunicorn ratio {worst:.0%} (target >= {TARGET_RATIO:.0%}): {verdict}")
