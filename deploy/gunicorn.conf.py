"""gunicorn settings for the portal (`make serve`, the Dockerfile and deploy/systemd use this file).

Every value can be overridden from the environment (GUNICORN_*) without editing the file.
Graceful reload: `kill -HUP <master pid>` (systemd: `systemctl reload bekasi-web`) starts new
workers on the new code and lets the old ones finish their requests (no preload_app, so the
code is imported again). Zero-downtime binary upgrade: USR2 then WINCH/QUIT the old master.
"""

import os
import re

from gunicorn.glogging import Logger


def _cpu_count() -> int:
    # The CPUs this process may use (a container's or a cgroup-pinned service's), not the host's.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: measured faster than threads on every page but the catalogue (PERFORMANCE.md).
# (2 x CPUs) + 1 keeps the CPUs busy while some workers wait on PostgreSQL; about 100 MB each.
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * _cpu_count() + 1))
worker_class = "sync"
threads = int(os.environ.get("GUNICORN_THREADS", 1))
# A request still running after 30 s is killed (the worker is replaced); nginx's proxy timeout
# is a little longer so the user sees gunicorn's 502 handling, not a hanging connection.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
# Behind nginx, which keeps its own upstream connections alive.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))
# Recycle workers now and then (memory growth in a long-lived worker), staggered by the jitter.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 200))
# Heartbeat files in memory, not on a container's overlay disk (gunicorn's own advice).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
# Trust X-Forwarded-* only from the proxy in front (nginx on the same host by default).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
proxy_allow_ips = forwarded_allow_ips
# Request line and header limits (the body limit is nginx's client_max_body_size and Django's).
limit_request_line = 4094
limit_request_fields = 100

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# No query string (search terms, NIKs, phone numbers, tokens), no referer (which carries the
# previous page's query string), no raw URI: method, path, status, size, duration in ms.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(a)s"'

# Paths that carry a secret: the password-reset link's uid and token.
_SECRET_PATHS = re.compile(r"(/atur-sandi/)(?!selesai/)[^/]+/[^/]+")


class PortalLogger(Logger):
    """gunicorn's logger, with the secrets in a path (a password-reset token) masked."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = _SECRET_PATHS.sub(r"\1…/…", atoms["U"] or "")
        return atoms


logger_class = PortalLogger
proc_name = "bekasi-web"
# gunicorn 27's control socket (in $HOME by default): not used; reload and stop go by signals,
# and the hardened unit has no writable home.
control_socket_disable = True
