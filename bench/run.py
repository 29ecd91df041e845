"""`make bench`: drive every scenario with wrk at 8 and 20 connections against gunicorn, interleaved
with a bare-Django baseline, and write bench/results.json (README, "Speed under load").

Needs PostgreSQL holding a `seed_scale` data set (DATABASE_URL), Redis (REDIS_URL, a database of
its own: /healthz publishes a task per call and the runner empties the queue afterwards) and
/usr/bin/wrk. Run from the repository root:

    DATABASE_URL=postgres://... REDIS_URL=redis://127.0.0.1:6379/3 .venv/bin/python bench/run.py

The gunicorn it starts (2 sync workers, DEBUG off, behind-proxy settings, static files collected
and compressed by WhiteNoise) serves the portal with the bench-only URL of the baseline
(bench.settings). wrk runs in its own process on loopback and sends `X-Forwarded-Proto: https`.
"""

import argparse
import datetime
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import nginx as bench_nginx  # noqa: E402 - after the path is set

BASELINE = {"name": "bare Django baseline", "path": "/__bench__/baseline/", "method": "GET", "user": None,
            "kind": "baseline"}  # fmt: skip
CORE_SCENARIOS = [
    {"name": "home", "path": "/", "method": "GET", "user": None, "kind": "public"},
    {"name": "login page", "path": "/akun/masuk/", "method": "GET", "user": None, "kind": "public"},
    {"name": "/healthz", "path": "/healthz", "method": "GET", "user": None, "kind": "public"},
]
# The targets at 20 connections: (min share of the baseline's req/s, max p95 in ms).
TARGETS = {"public": (0.25, 150), "seeker": (0.25, 150), "staff": (0.10, 300)}
CSRF = "benchcsrftoken0123456789abcdefgh"
IN_PROCESS_RUNS = 10  # 32 characters: Django accepts an unmasked secret


def environment(args):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "bench-only-secret-" + "x" * 40),
        DJANGO_BEHIND_PROXY="1",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="WARNING",
        # Never send real messages from a benchmark.
        EMAIL_URL="consolemail://",
        NOTIFICATIONS_GATEWAY="notifications.gateways.ConsoleGateway",
    )
    return env


def setup_django(env):
    os.environ.update(env)
    import django

    django.setup()


def session_cookie(user) -> str:
    """A logged-in session for `user`, created directly in the session store."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}; {settings.CSRF_COOKIE_NAME}={CSRF}"


def collect_scenarios(only):
    from django.core.exceptions import ObjectDoesNotExist

    from core.scale import scale_modules

    scenarios = list(CORE_SCENARIOS)
    for module in scale_modules():
        if hasattr(module, "bench_scenarios"):
            try:
                scenarios.extend(module.bench_scenarios())
            except (AttributeError, ObjectDoesNotExist, TypeError):
                # A database seeded before that app's scale part existed: its pages are left out.
                print(f"skipped {module.__name__}: its scale data are not in this database", file=sys.stderr)
    if only:
        scenarios = [s for s in scenarios if re.search(only, s["name"], re.IGNORECASE)]
    for scenario in scenarios:
        user = scenario.get("user")
        scenario["cookie"] = session_cookie(user()) if callable(user) else ""
    return scenarios


def measure_in_process(scenario):
    """SQL queries per request and response size, with Django's test client (second request)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_X_FORWARDED_PROTO="https")
    for part in scenario["cookie"].split("; "):
        if part:
            name, value = part.split("=", 1)
            client.cookies[name] = value
    kwargs = {}
    if scenario["method"] == "POST":
        kwargs = {"data": {**scenario.get("body", {}), "csrfmiddlewaretoken": CSRF}}
    call = client.post if scenario["method"] == "POST" else client.get
    call(scenario["path"], **kwargs)
    with CaptureQueriesContext(connection) as queries:
        response = call(scenario["path"], **kwargs)
    count = len(queries)  # now: the next request empties the connection's query log
    body = b"".join(response.streaming_content) if response.streaming else response.content
    # The worker's own CPU time per request (Python, templates, ORM; not PostgreSQL's): steadier
    # than req/s on a machine shared with other work.
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(IN_PROCESS_RUNS):
        call(scenario["path"], **kwargs)
    return {
        "queries": count,
        "status": response.status_code,
        "bytes": len(body),
        "cpu_ms": round((time.process_time() - cpu) * 1000 / IN_PROCESS_RUNS, 2),
        "wall_ms": round((time.perf_counter() - wall) * 1000 / IN_PROCESS_RUNS, 2),
    }


def wrk(port, scenario, connections, duration):
    env = dict(os.environ)
    body = ""
    if scenario["method"] == "POST":
        body = urllib.parse.urlencode({**scenario.get("body", {}), "csrfmiddlewaretoken": CSRF})
    env.update(
        BENCH_COOKIE=scenario["cookie"],
        BENCH_METHOD=scenario["method"],
        BENCH_BODY=body,
        BENCH_CSRF=CSRF,
        BENCH_ORIGIN=f"https://127.0.0.1:{port}",
    )
    command = [
        shutil.which("wrk") or "/usr/bin/wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s",
        "-s", str(ROOT / "bench" / "wrk.lua"), f"http://127.0.0.1:{port}{scenario['path']}",
    ]  # fmt: skip
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = next(x for x in out.splitlines() if x.startswith("BENCH_JSON "))
    figures = json.loads(line.removeprefix("BENCH_JSON "))
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    for key in ("p50", "p95", "p99", "max"):
        figures[key] = figures[key] / 1000  # ms
    return figures


def drain(port, *, settle_ms=50, limit_s=15):
    """Wait until the workers have worked off what the last wrk run left queued: wrk stops
    sending at the end of its run, but gunicorn still answers the requests already accepted (up
    to one per connection). Without this, a slow scenario's leftovers (the dashboard recomputed
    on every request) are counted in the next scenario's latency."""
    deadline, quick = time.monotonic() + limit_s, 0
    while time.monotonic() < deadline and quick < 2:
        started = time.monotonic()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=limit_s)
            connection.request("GET", BASELINE["path"], headers={"X-Forwarded-Proto": "https"})
            connection.getresponse().read()
            connection.close()
        except OSError:
            time.sleep(0.1)
            continue
        quick = quick + 1 if (time.monotonic() - started) * 1000 < settle_ms else 0


def start_gunicorn(env, port, workers):
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"), "bekasi_jobs.wsgi", "--workers", str(workers),
        "--bind", f"127.0.0.1:{port}", "--worker-class", "sync", "--log-level", "warning",
        "--env", "DJANGO_SETTINGS_MODULE=bench.settings",
    ]  # fmt: skip
    process = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)  # noqa: S603
    for _ in range(100):
        time.sleep(0.2)
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", BASELINE["path"], headers={"X-Forwarded-Proto": "https"})
            if connection.getresponse().status == 200:
                return process
        except OSError:
            continue
    stop(process)
    sys.exit("gunicorn did not answer in 20 s")


def stop(process):
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def contention(port, clients, seats):
    """`clients` seekers apply at the same moment for a fresh first-come batch of `seats` seats."""
    from trainings.scale import contention as prepare

    path, users, outcome = prepare(clients=clients, seats=seats)
    cookies = [session_cookie(user) for user in users]
    barrier = threading.Barrier(len(cookies))
    statuses = []

    def apply(cookie):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {
            "X-Forwarded-Proto": "https", "Cookie": cookie, "X-CSRFToken": CSRF,
            "Origin": f"https://127.0.0.1:{port}", "Content-Type": "application/x-www-form-urlencoded",
        }  # fmt: skip
        barrier.wait()
        try:
            connection.request("POST", path, body=f"csrfmiddlewaretoken={CSRF}&motivation=bench", headers=headers)
            statuses.append(connection.getresponse().status)
        except OSError as exc:
            statuses.append(str(exc))

    started = time.perf_counter()
    threads = [threading.Thread(target=apply, args=(c,)) for c in cookies]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    seats_taken, held = outcome()
    server_errors = sum(1 for s in statuses if not isinstance(s, int) or s >= 500)
    return {
        "name": f"apply for a batch: {len(users)} clients, {seats} seats",
        "clients": len(users),
        "seats": seats,
        "seats_taken": seats_taken,
        "enrolments_holding_a_seat": held,
        "statuses": {str(s): statuses.count(s) for s in sorted(set(statuses), key=str)},
        "server_errors": server_errors,
        "seconds": round(elapsed, 2),
        "pass": seats_taken == seats and held == seats and server_errors == 0 and len(users) == clients,
    }


def loadavg():
    return [round(x, 2) for x in os.getloadavg()]


def summarise(runs):
    return {
        "rps": round(statistics.median(r["rps"] for r in runs), 1),
        "p50_ms": round(statistics.median(r["p50"] for r in runs), 1),
        "p95_ms": round(statistics.median(r["p95"] for r in runs), 1),
        "p99_ms": round(statistics.median(r["p99"] for r in runs), 1),
        "requests": sum(r["requests"] for r in runs),
        "errors": sum(r["s5xx"] + r["s4xx"] + r["socket_errors"] for r in runs),
        "s5xx": sum(r["s5xx"] for r in runs),
        "s3xx": sum(r["s3xx"] for r in runs),
        "rounds_rps": [round(r["rps"], 1) for r in runs],
    }


def print_table(results):
    conns = results["connections"]
    head = f"{'page':<42} {'kind':<8} {'q':>3} {'KB':>6} {'cpu ms':>7}"
    for c in conns:
        head += f" {'req/s@' + str(c):>10} {'ratio':>6} {'p95@' + str(c):>9}"
    print(head + "  target")
    for s in results["scenarios"]:
        line = f"{s['name'][:42]:<42} {s['kind']:<8} {s['queries']:>3} {s['bytes'] / 1024:>6.1f} {s['cpu_ms']:>7.1f}"
        for c in conns:
            figures = s["by_connections"][str(c)]
            line += f" {figures['rps']:>10.0f} {figures['ratio']:>5.0%} {figures['p95_ms']:>7.0f}ms"
        verdict = {True: "ok", False: "MISSED", None: ""}[s.get("meets_target")]
        print(f"{line}  {verdict}")
    for item in results.get("contention", []):
        print(
            f"{item['name']}: seats taken {item['seats_taken']}, holding {item['enrolments_holding_a_seat']}, "
            f"statuses {item['statuses']}, 5xx {item['server_errors']} -> {'ok' if item['pass'] else 'FAILED'}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8130)))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", default="8,20")
    parser.add_argument("--only", default="", help="regular expression on scenario names")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results.json"))
    parser.add_argument("--no-contention", action="store_true")
    parser.add_argument("--no-collectstatic", action="store_true")
    parser.add_argument(
        "--nginx", action="store_true", help="also through the repository's nginx site (port + 1), interleaved"
    )
    parser.add_argument("--in-process-only", action="store_true", help="queries, size and CPU per request only")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database filled by `manage.py seed_scale`.")
    if not os.environ.get("REDIS_URL"):
        sys.exit("Set REDIS_URL to a Redis database of the benchmark's own (e.g. redis://127.0.0.1:6379/3).")
    env = environment(args)
    setup_django(env)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from core.scale import SCALE_DOMAIN

    if not get_user_model().objects.filter(email__endswith=f"@{SCALE_DOMAIN}").exists():
        sys.exit("No scale data set in this database: run `manage.py seed_scale --seekers N` first.")
    if not args.no_collectstatic:
        call_command("collectstatic", "--noinput", verbosity=0)
    connections = [int(c) for c in args.connections.split(",")]
    scenarios = collect_scenarios(args.only)
    baseline = {**BASELINE, "cookie": ""}
    seekers = get_user_model().objects.filter(seeker__isnull=False).count()
    started = time.time()
    results = {
        "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": subprocess.run(  # noqa: S603
            ["/usr/bin/git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip(),  # fmt: skip
        "seekers": seekers,
        "workers": args.workers,
        "duration_s": args.duration,
        "rounds": args.rounds,
        "connections": connections,
        "cpus": os.cpu_count(),
        "load_before": loadavg(),
        "scenarios": [],
    }
    print(f"{seekers:,} seekers; {len(scenarios)} scenarios x {connections} connections x {args.rounds} rounds")
    for scenario in [baseline, *scenarios]:
        scenario.update(measure_in_process(scenario))
        if scenario["status"] >= 400:
            print(f"  warning: {scenario['name']} answers {scenario['status']} in-process")

    if args.in_process_only:
        for scenario in [baseline, *scenarios]:
            print(f"{scenario['name'][:42]:<42} {scenario['queries']:>3} q {scenario['bytes'] / 1024:>6.1f} KB "
                  f"{scenario['cpu_ms']:>7.1f} ms CPU {scenario['wall_ms']:>7.1f} ms")  # fmt: skip
        _empty_celery_queue()
        return
    from django.db import connection

    connection.close()
    process = start_gunicorn(env, args.port, args.workers)
    runs = {(s["name"], c): [] for s in [baseline, *scenarios] for c in connections}
    nginx_runs = {key: [] for key in runs}
    nginx_prefix = bench_nginx.start(port=args.port + 1, upstream_port=args.port) if args.nginx else None
    try:
        for scenario in [baseline, *scenarios]:  # warm-up: caches, connections, template loaders
            wrk(args.port, scenario, 2, 1)
            drain(args.port)
        for r in range(args.rounds):
            for c in connections:
                # The baseline before, in the middle and after each pass: interleaved with the pages.
                middle = len(scenarios) // 2
                order = [baseline, *scenarios[:middle], baseline, *scenarios[middle:], baseline]
                for scenario in order:
                    runs[(scenario["name"], c)].append(wrk(args.port, scenario, c, args.duration))
                    drain(args.port)
                    if nginx_prefix:
                        nginx_runs[(scenario["name"], c)].append(wrk(args.port + 1, scenario, c, args.duration))
                        drain(args.port)
                print(f"  round {r + 1}, {c} connections done (load {loadavg()})", flush=True)
        if not args.no_contention:
            results["contention"] = [contention(args.port, clients=50, seats=10)]
    finally:
        if nginx_prefix:
            bench_nginx.stop(nginx_prefix)
        stop(process)
        _empty_celery_queue()
    base = {c: summarise(runs[(baseline["name"], c)]) for c in connections}
    for scenario in [baseline, *scenarios]:
        item = {k: scenario[k] for k in ("name", "path", "kind", "queries", "bytes", "status", "cpu_ms", "wall_ms")}
        item["cpu_ratio"] = round(baseline["cpu_ms"] / scenario["cpu_ms"], 3) if scenario["cpu_ms"] else None
        item["by_connections"] = {}
        for c in connections:
            figures = summarise(runs[(scenario["name"], c)])
            figures["ratio"] = round(figures["rps"] / base[c]["rps"], 3) if base[c]["rps"] else None
            item["by_connections"][str(c)] = figures
        if nginx_prefix:
            bench_nginx.annotate(item, {str(c): summarise(nginx_runs[(scenario["name"], c)]) for c in connections})
        target = TARGETS.get(scenario["kind"])
        top = str(max(connections))
        if target:
            share, p95 = target
            f = item["by_connections"][top]
            item["target"] = {"connections": int(top), "min_ratio": share, "max_p95_ms": p95}
            item["meets_target"] = f["ratio"] >= share and f["p95_ms"] < p95 and f["s5xx"] == 0
        else:
            item["meets_target"] = None
        results["scenarios"].append(item)
    if nginx_prefix:
        bench_nginx.summary(results)
    results["load_after"] = loadavg()
    results["seconds"] = round(time.time() - started)
    Path(args.out).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print()
    print_table(results)
    if nginx_prefix:
        print()
        bench_nginx.print_table(results)
    print(f"\nWritten to {args.out} in {results['seconds']} s (load before {results['load_before']}, "
          f"after {results['load_after']}).")  # fmt: skip


def _empty_celery_queue():
    """/healthz publishes a task per call and no worker runs here: drop what piled up in the
    benchmark's own Redis database (only the Celery queue key)."""
    try:
        import redis

        redis.Redis.from_url(os.environ["REDIS_URL"]).delete("celery")
    except Exception as exc:  # noqa: BLE001 - cleanup must not hide the results
        print(f"  could not empty the Celery queue: {exc}")


if __name__ == "__main__":
    main()
