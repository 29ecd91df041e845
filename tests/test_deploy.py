"""The deploy files stay consistent with the code: compose services, nginx limits and syntax,
gunicorn's log format, the systemd units."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from gunicorn.config import Config

from seekers.uploads import MAX_IMAGE_BYTES, MAX_PDF_BYTES

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"


def _compose():
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def test_compose_runs_every_service_and_exactly_one_beat():
    services = _compose()["services"]
    assert {"postgres", "redis", "minio", "web", "worker", "beat", "nginx"} <= set(services)
    beats = [name for name, s in services.items() if "beat" in (s.get("command") or [])]
    assert beats == ["beat"]
    assert services["beat"]["deploy"]["replicas"] == 1
    assert "--beat" not in services["worker"]["command"]


def test_nginx_in_compose_never_gets_the_media_files():
    nginx = _compose()["services"]["nginx"]
    assert not any("media" in volume for volume in nginx["volumes"])
    assert (DEPLOY / "nginx" / "locations.conf").read_text().count("location /media/ {\n    return 404;") == 1


def test_the_web_server_body_limit_matches_the_upload_caps():
    text = (DEPLOY / "nginx" / "locations.conf").read_text()
    limit_mb = int(re.search(r"^client_max_body_size (\d+)m;", text, re.MULTILINE)[1])
    largest = max(MAX_IMAGE_BYTES, MAX_PDF_BYTES)
    # Room for the largest file and the form around it, and not much more.
    assert largest < limit_mb * 1024 * 1024 <= largest + 2 * 1024 * 1024


def test_static_files_are_cached_for_a_year_and_immutable():
    for template in ("bekasi-jobs.conf.template", "bekasi-jobs-behind-lb.conf.template"):
        text = (DEPLOY / "nginx" / template).read_text()
        assert 'add_header Cache-Control "public, max-age=31536000, immutable" always;' in text


@pytest.mark.skipif(not shutil.which("nginx") or not shutil.which("openssl"), reason="Debian's nginx is not installed")
@pytest.mark.parametrize(
    "template", ["bekasi-jobs.conf.template", "bekasi-jobs-behind-lb.conf.template", "files-s3.conf.template"]
)
def test_the_nginx_sites_pass_nginx_t(template, tmp_path):
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-keyout", tmp_path / "key.pem", "-out", tmp_path / "cert.pem"],
        check=True, capture_output=True,
    )  # fmt: skip
    env = {
        "PATH": "/usr/bin:/bin:/usr/sbin",
        "BEKASI_TLS_CERT": str(tmp_path / "cert.pem"),
        "BEKASI_TLS_KEY": str(tmp_path / "key.pem"),
        "BEKASI_ACCESS_LOG": str(tmp_path / "access.log"),
        "BEKASI_LISTEN": "127.0.0.1:8169",
        "BEKASI_STATIC_ROOT": str(tmp_path),
    }
    site = subprocess.run(
        [DEPLOY / "nginx" / "render.sh", DEPLOY / "nginx" / template], env=env, check=True, capture_output=True
    ).stdout.decode()
    assert "${BEKASI" not in site
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;\n"
        "events {}\n"
        f"http {{ include /etc/nginx/mime.types; client_body_temp_path {tmp_path}; proxy_temp_path {tmp_path};\n"
        f"{site}\n}}\n"
    )
    result = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_the_gunicorn_access_log_leaves_out_query_strings_and_masks_reset_tokens():
    config = Config()
    namespace = {"__file__": str(DEPLOY / "gunicorn.conf.py")}
    exec(compile((DEPLOY / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), namespace)  # noqa: S102
    for atom in ("%(q)s", "%(r)s", "%(f)s", "%(U)s?"):
        assert atom not in namespace["access_log_format"]
    assert namespace["workers"] >= 3
    config.set("access_log_format", namespace["access_log_format"])
    logger = namespace["PortalLogger"](config)

    class Response:
        status, sent, headers = "200 OK", 10, []

    environ = {
        "REQUEST_METHOD": "GET", "RAW_URI": "/akun/atur-sandi/MTI/cdz-0123456789abcdef/?nik=3216012345678901",
        "PATH_INFO": "/akun/atur-sandi/MTI/cdz-0123456789abcdef/", "QUERY_STRING": "nik=3216012345678901",
        "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
    }  # fmt: skip
    from datetime import timedelta

    atoms = logger.atoms(Response(), {}, environ, timedelta(milliseconds=12))
    line = namespace["access_log_format"] % atoms
    assert "/akun/atur-sandi/…/…/" in line
    assert "cdz-0123456789abcdef" not in line
    assert "3216012345678901" not in line


def test_the_systemd_units_run_one_beat_and_a_worker_per_queue():
    units = {path.name: path.read_text() for path in (DEPLOY / "systemd").glob("*.service")}
    assert sum(" beat " in text for text in units.values()) == 1
    assert "--queues %i" in units["bekasi-worker@.service"]
    assert "--config deploy/gunicorn.conf.py" in units["bekasi-web.service"]
    assert "ExecReload=/bin/kill -s HUP $MAINPID" in units["bekasi-web.service"]


def test_the_wsgi_module_loads_in_a_fresh_process_as_gunicorn_loads_it():
    """gunicorn imports `bekasi_jobs.wsgi` before Django is set up: a project import at its top
    that needs the apps loaded stops every worker from booting."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bekasi_jobs.settings", "DJANGO_SECRET_KEY": "x" * 50}
    env.pop("DJANGO_DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-c", "import bekasi_jobs.wsgi as w; print(callable(w.application))"],
        cwd=Path(__file__).resolve().parents[1],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "True"
