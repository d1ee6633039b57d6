"""Production smoke run: the production configuration on PostgreSQL, under gunicorn.

Creates its own database (``SMOKE_DATABASE_URL``, default
``postgres://postgres@127.0.0.1:5432/cadre_smoke``, dropped and created with psql),
then with ``CADRE_ENV=production`` and a fresh secret key: ``cadre check --deploy``
(only the warnings justified in docs/deployment.md allowed), ``migrate``,
``load_defaults``, the demo sign-ins (``demo_load``, run in development settings
since it refuses production), ``collectstatic``; starts gunicorn on a free loopback
port; signs in through the sign-in page (with its CSRF token); opens 20 pages, the
API docs and schema, the stylesheet and the error pages; fails on any 5xx. Requests
carry ``X-Forwarded-Proto: https`` as the proxy in docs/deployment.md would, so the
secure cookies, HSTS and the HTTPS redirect stay as in production.

Run: ``.venv/bin/python scripts/production_smoke.py`` (``make smoke``; ``.ci/run``).
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import deque
from html import unescape
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PAGES = int(os.environ.get("SMOKE_PAGES", "20"))
SIGN_IN_AS = os.environ.get("SMOKE_EMAIL", "central@cadre.example")
# Warnings from `cadre check --deploy` that docs/deployment.md explains and accepts.
JUSTIFIED_WARNINGS = {"security.W021"}  # HSTS preload: the domain owner's decision
SKIP_LINKS = re.compile(r"/sign-out/|/static/|/export|\.(csv|xlsx|json|pdf|docx)$")


class SmokeFailure(Exception):
    """The production run is broken; the message says where."""


def _step(title: str) -> None:
    print(f"== {title}", flush=True)


def _run(args: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True,  # noqa: S603
                            check=False)
    if result.returncode != 0:
        raise SmokeFailure(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout + result.stderr


def _psql(url: str, sql: str) -> None:
    parts = urlsplit(url)
    args = ["psql", "-v", "ON_ERROR_STOP=1", "-h", parts.hostname or "127.0.0.1",
            "-p", str(parts.port or 5432), "-U", parts.username or "postgres", "-d", "postgres",
            "-c", sql]
    env = {**os.environ}
    if parts.password:
        env["PGPASSWORD"] = parts.password
    _run(args, env)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """Just enough of a browser: cookies (Secure ones too, as if over HTTPS), CSRF headers."""

    #: Named in failures and in the User-Agent (the two-servers check has one per server).
    name = "cadre-production-smoke"
    timeout = 60

    def __init__(self, port: int) -> None:
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}
        self.visited: list[tuple[int, str]] = []

    def request(self, method: str, path: str, body: dict[str, str] | None = None,
                referer: str | None = None) -> tuple[int, dict[str, str], str]:
        """A page request; ``body`` is sent as a form."""
        if body is None:
            return self.send(method, path)
        return self.send(method, path, urlencode(body).encode(),
                         "application/x-www-form-urlencoded", referer)

    def send(self, method: str, path: str, body: bytes | None = None,
             content_type: str | None = None, referer: str | None = None,
             ) -> tuple[int, dict[str, str], str]:
        """One request with this browser's cookies, kept up to date from the answer; a body
        goes with the Origin, Referer and CSRF headers a browser would send. A 5xx fails."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        headers = {"Host": f"127.0.0.1:{self.port}", "X-Forwarded-Proto": "https",
                   "User-Agent": self.name}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers.update({"Content-Type": content_type or "application/octet-stream",
                            "Accept": "application/json, text/html",
                            "Origin": self.origin,
                            "Referer": referer or self.origin + path,
                            "X-CSRFToken": self.cookies.get("csrftoken", "")})
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", errors="replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        connection.close()
        self.visited.append((response.status, f"{method} {path}"))
        if response.status >= 500:
            raise SmokeFailure(f"{self.name}: {method} {path} answered {response.status}:\n"
                               f"{text[:2000]}")
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text

    def get(self, path: str) -> tuple[int, dict[str, str], str]:
        return self.request("GET", path)


def _sign_in(browser: Browser, email: str, password: str) -> None:
    status, _, page = browser.get("/sign-in/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or token is None or "csrftoken" not in browser.cookies:
        raise SmokeFailure(f"sign-in page: status {status}, CSRF token found: {bool(token)}")
    status, headers, page = browser.request(
        "POST", "/sign-in/",
        {"csrfmiddlewaretoken": token.group(1), "username": email, "password": password})
    if status != 302 or "sessionid" not in browser.cookies:
        raise SmokeFailure(f"signing in as {email} answered {status}:\n{page[:1500]}")
    print(f"   signed in as {email} -> {headers.get('location')}")


def _links(page: str, base: str) -> list[str]:
    found = []
    for href in re.findall(r'href="([^"#]+)', page):
        url = urlsplit(urljoin(base, unescape(href)))
        if url.netloc and url.netloc != urlsplit(base).netloc:
            continue
        path = url.path + (f"?{url.query}" if url.query else "")
        if path.startswith("/") and not SKIP_LINKS.search(url.path):
            found.append(path)
    return found


def _crawl(browser: Browser) -> list[str]:
    """Open pages breadth first from the home page until PAGES have answered 200.

    Addresses differing only in ids (``/framework/role-levels/21/``, ``…/22/``) count as
    one kind of page; other kinds go first, so the run covers as many views as it can.
    """
    fresh, repeats, seen, kinds, opened = deque(["/"]), deque(), {"/"}, set(), []
    while (fresh or repeats) and len(opened) < PAGES:
        path = fresh.popleft() if fresh else repeats.popleft()
        status, headers, page = browser.get(path)
        print(f"   {status} {path}")
        if status != 200 or "text/html" not in headers.get("content-type", ""):
            continue
        opened.append(path)
        for link in _links(page, browser.origin + path):
            if link in seen:
                continue
            seen.add(link)
            kind = re.sub(r"\d+", "N", link.split("?", 1)[0])
            (repeats if kind in kinds else fresh).append(link)
            kinds.add(kind)
    if len(opened) < PAGES:
        raise SmokeFailure(f"only {len(opened)} pages reachable from the home page: {opened}")
    return opened


def _check_site(browser: Browser) -> None:
    _step(f"{PAGES} pages")
    opened = _crawl(browser)
    _step("static files, API docs and schema, error pages")
    _, _, home = browser.get(opened[0])
    css = re.search(r'href="(/static/govuk/govuk-frontend\.min\.[0-9a-f]{12}\.css)"', home)
    if css is None:
        raise SmokeFailure("the home page does not link the hashed GOV.UK stylesheet")
    status, headers, _ = browser.get(css.group(1))
    if status != 200 or "max-age=315360000" not in headers.get("cache-control", ""):
        raise SmokeFailure(f"stylesheet {css.group(1)}: {status} {headers.get('cache-control')}")
    for path, kind in (("/api/v1/docs/", "text/html"),
                       ("/api/v1/schema/", "application/vnd.oai.openapi")):
        status, headers, _ = browser.get(path)
        print(f"   {status} {path}")
        if status != 200 or kind not in headers.get("content-type", ""):
            raise SmokeFailure(f"{path}: {status} {headers.get('content-type')}")
    status, _, page = browser.get("/no-such-page/")
    if status != 404 or "Page not found" not in page or "URLconf" in page:
        raise SmokeFailure(f"/no-such-page/ is not the service's 404 ({status})")
    status, headers, _ = browser.get("/api/v1/no-such-thing/")
    if status != 404 or "application/json" not in headers.get("content-type", ""):
        raise SmokeFailure(f"/api/v1/no-such-thing/: {status} {headers.get('content-type')}")
    print("   hashed stylesheet, docs, schema, 404 page and JSON 404: ok")


def _deploy_check(env: dict[str, str]) -> None:
    output = _run([str(BIN / "cadre"), "check", "--deploy"], env)
    raised = set(re.findall(r"\(([a-z_]+\.[EW]\d+)\)", output))
    unexpected = raised - JUSTIFIED_WARNINGS
    if unexpected:
        raise SmokeFailure(f"cadre check --deploy: unexplained issues {sorted(unexpected)}"
                           f"\n{output}")
    print(f"   check --deploy: {sorted(raised) or 'no issues'} (justified in deployment.md)")


def _wait_until_up(browser: Browser, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SmokeFailure(f"gunicorn stopped:\n{log.read_text()[-3000:]}")
        try:
            status, _, body = browser.get("/healthz")
            if status == 200:
                print(f"   /healthz: {body}")
                return
        except OSError:
            time.sleep(0.3)
    raise SmokeFailure("gunicorn did not answer /healthz within 60 s")


def main() -> int:
    url = os.environ.get("SMOKE_DATABASE_URL",
                         "postgres://postgres@127.0.0.1:5432/cadre_smoke")
    name = urlsplit(url).path.lstrip("/")
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise SmokeFailure(f"database name {name!r}: use lower-case letters, digits and _")
    var_dir = Path(tempfile.mkdtemp(prefix="cadre-smoke-"))
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "CADRE_")) and k != "DATABASE_URL"}
    common = {**base, "DATABASE_URL": url, "CADRE_VAR_DIR": str(var_dir)}
    production = {**common, "CADRE_ENV": "production",
                  "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
                  "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
                  # A cache every gunicorn worker shares, as production needs (check --deploy).
                  "CADRE_CACHE_URL": os.environ.get("SMOKE_CACHE_URL",
                                                    "redis://127.0.0.1:6379/14"),
                  "CADRE_CACHE_PREFIX": f"smoke-{secrets.token_hex(4)}"}
    port = _free_port()
    log = var_dir / "gunicorn.log"
    server = None
    started = time.monotonic()
    try:
        _step(f"database {name} (dropped and created)")
        _psql(url, f"DROP DATABASE IF EXISTS {name}")
        _psql(url, f"CREATE DATABASE {name}")
        _step("cadre check --deploy (production settings)")
        _deploy_check(production)
        _step("migrate, load_defaults, demo sign-ins, collectstatic")
        _run([str(BIN / "cadre"), "migrate", "--no-input"], production)
        _run([str(BIN / "cadre"), "load_defaults"], production)
        demo = _run([str(BIN / "cadre"), "demo_load"], common)  # refuses production settings
        password = re.search(r"password for all: ([^)\s]+)", demo)
        if password is None:
            raise SmokeFailure(f"no demo password in demo_load output:\n{demo}")
        _run([str(BIN / "cadre"), "collectstatic", "--no-input"], production)
        _step(f"gunicorn config.wsgi on 127.0.0.1:{port}")
        with log.open("w") as out:
            server = subprocess.Popen(  # noqa: S603
                [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}",
                 "--workers", "2", "--timeout", "120", "--access-logfile", "-"],
                cwd=ROOT, env=production, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True)
        browser = Browser(port)
        _wait_until_up(browser, server, log)
        _sign_in(browser, SIGN_IN_AS, password.group(1))
        _check_site(browser)
    except SmokeFailure as failure:
        print(f"\nPRODUCTION SMOKE FAILED: {failure}", file=sys.stderr)
        if log.exists():
            print(f"\ngunicorn log (last lines):\n{log.read_text()[-4000:]}", file=sys.stderr)
        return 1
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        if not os.environ.get("SMOKE_KEEP"):
            try:
                _psql(url, f"DROP DATABASE IF EXISTS {name}")
            except SmokeFailure as exc:
                print(f"could not drop {name}: {exc}", file=sys.stderr)
            shutil.rmtree(var_dir, ignore_errors=True)
    fives = [v for v in browser.visited if v[0] >= 500]
    print(f"\nProduction smoke passed in {time.monotonic() - started:.0f} s: "
          f"{len(browser.visited)} requests, {len(fives)} server errors.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
