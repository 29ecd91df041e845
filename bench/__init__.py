"""`make bench`: the portal under load against a bare-Django baseline (README, "Speed under load").

Nothing here is used by the portal itself: `bench.settings` (the production settings plus the
baseline's URL) exists only for the benchmark's gunicorn.
"""
