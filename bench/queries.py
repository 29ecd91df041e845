"""Print the SQL one page runs, with each query's time: `python bench/queries.py PATH [--user NAME]`
(NAME as in accounts/scale.py, e.g. bench-partner), against the DATABASE_URL of a seed_scale set."""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import environment, session_cookie, setup_django  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--user", default="")
    args = parser.parse_args()
    setup_django(environment(args))
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.scale import by_name

    client = Client(HTTP_X_FORWARDED_PROTO="https")
    if args.user:
        for part in session_cookie(by_name(args.user)).split("; "):
            name, value = part.split("=", 1)
            client.cookies[name] = value
    client.get(args.path)
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(args.path)
        elapsed = (time.perf_counter() - started) * 1000
    for q in queries.captured_queries:
        print(f"{q['time']:>6}s  {q['sql'][:400]}\n")
    print(f"{response.status_code}, {len(response.content):,} bytes, {len(queries)} queries, {elapsed:.1f} ms")


if __name__ == "__main__":
    main()
