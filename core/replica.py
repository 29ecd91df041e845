"""Read-only pages on the streaming replica (README "Beyond one machine").

`settings.READ_REPLICA_ALIAS` names the replica's database alias when `DATABASE_REPLICA_URL` is
set. Views marked `@reads_from_replica` (the dashboards, the open statistics) run their reads
there; every other read, and every write anywhere, stays on "default". A replica lags the
primary by a little: mark only pages where figures a second old are fine, never a page that
reads what the same person has just written.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.conf import settings

_reading_from_replica: ContextVar[bool] = ContextVar("reading_from_replica", default=False)


@contextmanager
def replica_reads():
    """Within this block, reads go to the replica (when one is configured)."""
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


def reads_from_replica(view):
    """Mark a read-only view. Put it under the permission decorators: the signed-in user and
    the session are then loaded from the primary first (a fresh account may not have reached
    the replica yet), and only the page's own queries go to the replica."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        with replica_reads():
            return view(request, *args, **kwargs)

    return wrapper


class ReplicaRouter:
    """Reads in a `replica_reads()` block go to the replica; nothing else is routed."""

    def db_for_read(self, model, **hints):
        alias = getattr(settings, "READ_REPLICA_ALIAS", None)
        if alias and _reading_from_replica.get():
            return alias
        return None

    def db_for_write(self, model, **hints):
        # An object read from the replica and then saved is saved on the primary.
        instance = hints.get("instance")
        alias = getattr(settings, "READ_REPLICA_ALIAS", None)
        if alias and instance is not None and instance._state.db == alias:
            return "default"
        return None

    def allow_relation(self, obj1, obj2, **hints):
        # The replica is a copy of the primary: objects read from either may be related.
        return True
