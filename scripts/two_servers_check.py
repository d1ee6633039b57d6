"""Two app servers and two task workers on one PostgreSQL and one Redis: a write made
through one server is seen through the other at once.

With production settings (``CADRE_ENV=production``), the script creates its own
database (``TWO_SERVERS_DATABASE_URL``, default
``postgres://postgres@127.0.0.1:5432/cadre_two_servers``, dropped and created with
psql), a Redis cache (``TWO_SERVERS_REDIS_URL``, default ``redis://127.0.0.1:6379/13``,
under a fresh key prefix) and one uploads directory both servers use as
``CADRE_MEDIA_ROOT`` (each server has its own ``CADRE_VAR_DIR`` otherwise, as separate
machines would). It starts gunicorn A and B (2 workers each) and two ``cadre db_worker``
processes (``TWO_SERVERS_TASKS=rq``: two ``rqworker``), then:

1. signs in through A; B serves the same session;
2. creates a person through A's API; B's API, B's people search and B's cursor-paged
   list show it; a change through B's API shows on A;
3. changes the person through A's edit form (a page, with its CSRF token); B's page
   shows the change;
4. uploads a people import to A (the file is staged in the shared storage, its token
   in the session), confirms it on B, which starts a background job; one of the two
   workers runs it, and A sees the job finished and the imported people.

Each read must find the write the first time it is made: nothing is retried. Exits 1
with the step that failed. ``make two-servers``; the last step of ``.ci/run``.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import production_smoke as smoke  # noqa: E402 - the scripts folder is not a package

ROOT = smoke.ROOT
BIN = smoke.BIN
Failure = smoke.SmokeFailure
SIGN_IN_AS = os.environ.get("TWO_SERVERS_EMAIL", "central@cadre.example")


class FormReader(HTMLParser):
    """The fields of the forms on a page, with the values the page fills in."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "method": a.get("method", "get"),
                               "fields": {}})
        if not self.forms:
            return
        fields = self.forms[-1]["fields"]
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    fields[a["name"]] = a.get("value", "on")
            elif kind not in ("submit", "button", "file"):
                fields[a["name"]] = a.get("value", "")
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            fields.setdefault(self._select, "")
        elif tag == "option" and self._select and "selected" in a:
            fields[self._select] = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            fields[self._textarea] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea] += data


def forms_on(page: str) -> list[dict[str, Any]]:
    reader = FormReader()
    reader.feed(page)
    return reader.forms


class Server(smoke.Browser):
    """A browser pointed at one server; ``share`` gives it another's cookies (one user
    moving between servers, as a load balancer would move them)."""

    timeout = 120

    def __init__(self, name: str, port: int) -> None:
        super().__init__(port)
        self.name = name

    def share(self, other: Server) -> None:
        self.cookies = other.cookies

    def api(self, method: str, path: str, data: dict | None = None) -> tuple[int, Any]:
        if method == "GET":
            status, _, text = self.get(path)
        else:
            status, _, text = self.send(method, path, json.dumps(data or {}).encode(),
                                        "application/json")
        try:
            return status, json.loads(text)
        except json.JSONDecodeError:
            return status, text

    def multipart(self, path: str, fields: dict[str, str],
                  files: dict[str, tuple[str, bytes]]) -> tuple[int, dict[str, str], str]:
        boundary = secrets.token_hex(16)
        parts: list[bytes] = []
        for name, value in fields.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
                         f"\r\n\r\n{value}\r\n".encode())
        for name, (filename, content) in files.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                         f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'.encode()
                         + content + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.send("POST", path, b"".join(parts),
                         f"multipart/form-data; boundary={boundary}")

    def form_post(self, path: str, fields: dict[str, str]) -> tuple[int, dict[str, str], str]:
        return self.request("POST", path, fields)


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise Failure(message)


def _step(title: str) -> None:
    print(f"== {title}", flush=True)


def _start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("w") as out:
        return subprocess.Popen(args, cwd=ROOT, env=env, stdout=out,  # noqa: S603
                                stderr=subprocess.STDOUT, start_new_session=True)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def check_session(a: Server, b: Server, password: str) -> None:
    _step("a session made on A is honoured by B")
    smoke._sign_in(a, SIGN_IN_AS, password)
    b.share(a)
    status, headers, page = b.get("/people/")
    expect(status == 200, f"B answered {status} to a session signed in on A "
                          f"({headers.get('location')})")
    print("   B serves /people/ to the session signed in on A")


def check_api_writes(a: Server, b: Server) -> int:
    _step("API: create through A, read through B; change through B, read through A")
    tag = secrets.token_hex(3)
    last = f"Twoservers{tag}"
    status, body = a.api("POST", "/api/v1/people/", {
        "organisation": "DWP", "staff_number": f"TS-{tag}", "first_name": "Ada",
        "last_name": last, "job_title": "Written on A"})
    expect(status == 201, f"create through A: {status} {body}")
    pk = body["id"]
    status, seen = b.api("GET", f"/api/v1/people/{pk}/")
    expect(status == 200 and seen["last_name"] == last,
           f"B does not see person {pk} created on A: {status} {seen}")
    status, found = b.api("GET", f"/api/v1/people/?search={last}")
    expect(status == 200 and [p["id"] for p in found["results"]] == [pk],
           f"B's API search for {last} finds {found}")
    status, page = b.api("GET", "/api/v1/people/?cursor=&page_size=500")
    ids: list[int] = []
    while True:
        expect(status == 200, f"B's cursor walk: {status} {page}")
        ids += [p["id"] for p in page["results"]]
        if not page["next"]:
            break
        status, page = b.api("GET", page["next"].split(f":{b.port}", 1)[-1])
    expect(pk in ids, f"B's cursor-paged list lacks person {pk}")
    status, changed = b.api("PATCH", f"/api/v1/people/{pk}/", {"job_title": "Written on B"})
    expect(status == 200, f"change through B: {status} {changed}")
    status, seen = a.api("GET", f"/api/v1/people/{pk}/")
    expect(seen.get("job_title") == "Written on B",
           f"A does not see B's change: {seen.get('job_title')!r}")
    status, _, html = b.get(f"/people/?q={last}")
    expect(status == 200 and last in html, "B's people page search does not find the person")
    print(f"   person {pk}: created on A, found on B (API, search, cursor walk of "
          f"{len(ids)} people, page); changed on B, seen on A")
    return pk


def check_form_write(a: Server, b: Server, pk: int) -> None:
    _step("page form: edit through A, read through B")
    status, _, page = a.get(f"/people/{pk}/edit/")
    expect(status == 200, f"A's edit page: {status}")
    form = next((f for f in forms_on(page) if "job_title" in f["fields"]), None)
    expect(form is not None, "no form with job_title on A's edit page")
    assert form is not None
    fields = dict(form["fields"])
    fields["job_title"] = "Edited on A's form"
    status, headers, answer = a.form_post(f"/people/{pk}/edit/", fields)
    expect(status == 302, f"A's edit form answered {status}:\n{answer[:1500]}")
    status, _, shown = b.get(f"/people/{pk}/")
    expect(status == 200 and "Edited on A&#x27;s form" in shown or "Edited on A's form" in shown,
           "B's person page does not show the edit made through A's form")
    print("   edit form posted on A; B's person page shows it")


def check_staged_upload_and_job(a: Server, b: Server) -> None:
    _step("import: upload on A, confirm on B, a worker runs it, A sees the result")
    status, _, page = a.get("/people/import/")
    expect(status == 200, f"A's import page: {status}")
    form = next((f for f in forms_on(page) if "organisation" in f["fields"]), None)
    expect(form is not None, "no import form on A")
    options = re.findall(r'<option value="(\d+)"[^>]*>\s*([^<]+)', page)
    organisation = next((v for v, label in options if "DWP" in label or "Work and Pensions"
                         in label), options[0][0] if options else "")
    tag = secrets.token_hex(3)
    rows = ["staff_number,first_name,last_name,job_title"] + [
        f"IMP-{tag}-{n},Imported{n},Upload{tag},Analyst" for n in range(25)]
    fields = {k: v for k, v in form["fields"].items() if k != "file"}  # type: ignore[index]
    fields["organisation"] = organisation
    status, _, preview = a.multipart("/people/import/", fields,
                                     {"file": ("two-servers.csv", "\n".join(rows).encode())})
    token = re.search(r'name="token" value="([0-9a-f]+)"', preview)
    expect(status == 200 and token is not None,
           f"A's import preview: {status}, no token:\n{preview[:1500]}")
    assert token is not None
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', preview)
    status, headers, answer = b.form_post("/people/import/confirm/", {
        "csrfmiddlewaretoken": csrf.group(1) if csrf else "", "token": token.group(1)})
    where = headers.get("location", "")
    job = re.search(r"/jobs/(\d+)/", where)
    expect(status == 302 and job is not None,
           f"B's confirm of A's upload answered {status} -> {where}:\n{answer[:1000]}")
    assert job is not None
    deadline = time.monotonic() + 120
    state = ""
    while time.monotonic() < deadline:
        status, data = a.api("GET", f"/api/v1/jobs/{job.group(1)}/")
        state = data.get("state", "") if isinstance(data, dict) else ""
        if state in ("succeeded", "failed"):
            break
        time.sleep(0.5)
    expect(state == "succeeded", f"job {job.group(1)} ended {state!r}: {data}")
    status, found = a.api("GET", f"/api/v1/people/?search=Upload{tag}&page_size=100")
    expect(status == 200 and found["count"] == 25,
           f"A finds {found.get('count')} of the 25 people imported by the job")
    print(f"   upload staged on A, confirmed on B, job {job.group(1)} run by a worker, "
          "25 people seen on A")


def main() -> int:
    url = os.environ.get("TWO_SERVERS_DATABASE_URL",
                         "postgres://postgres@127.0.0.1:5432/cadre_two_servers")
    redis_url = os.environ.get("TWO_SERVERS_REDIS_URL", "redis://127.0.0.1:6379/13")
    tasks = os.environ.get("TWO_SERVERS_TASKS", "database")
    name = urlsplit(url).path.lstrip("/")
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise Failure(f"database name {name!r}: use lower-case letters, digits and _")
    work = Path(tempfile.mkdtemp(prefix="cadre-two-servers-"))
    media = work / "shared-media"
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "CADRE_")) and k != "DATABASE_URL"}
    common = {**base, "DATABASE_URL": url, "CADRE_VAR_DIR": str(work / "setup"),
              "CADRE_MEDIA_ROOT": str(media)}
    production = {**common, "CADRE_ENV": "production",
                  "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
                  "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "CADRE_CACHE_URL": redis_url,
                  "CADRE_CACHE_PREFIX": f"two-servers-{secrets.token_hex(4)}",
                  "CADRE_TASKS_BACKEND": tasks, "CADRE_REDIS_URL": redis_url}
    processes: list[tuple[str, subprocess.Popen, Path]] = []
    started = time.monotonic()
    servers: list[Server] = []
    try:
        _step(f"database {name} (dropped and created), Redis {redis_url}, tasks: {tasks}")
        smoke._psql(url, f"DROP DATABASE IF EXISTS {name}")
        smoke._psql(url, f"CREATE DATABASE {name}")
        from_check = smoke._run([str(BIN / "python"), "-c",
                                 "import django; django.setup(); "
                                 "from cadre.core.shared_state import shared_state_problems; "
                                 "print('\\n'.join(shared_state_problems()))"],
                                {**production, "DJANGO_SETTINGS_MODULE": "config.settings"})
        expect(not from_check.strip(), f"state kept in one process:\n{from_check}")
        smoke._run([str(BIN / "cadre"), "migrate", "--no-input"], production)
        smoke._run([str(BIN / "cadre"), "load_defaults"], production)
        demo = smoke._run([str(BIN / "cadre"), "demo_load"], common)
        password = re.search(r"password for all: ([^)\s]+)", demo)
        expect(password is not None, f"no demo password in demo_load output:\n{demo}")
        assert password is not None
        for label in ("A", "B"):
            env = {**production, "CADRE_VAR_DIR": str(work / label)}
            smoke._run([str(BIN / "cadre"), "collectstatic", "--no-input", "--verbosity", "0"],
                       env)
            port = smoke._free_port()
            log = work / f"gunicorn-{label}.log"
            processes.append((f"gunicorn {label}", _start(
                [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}",
                 "--workers", "2", "--timeout", "120"], env, log), log))
            servers.append(Server(label, port))
            worker = ([str(BIN / "cadre"), "rqworker", "default"] if tasks == "rq"
                      else [str(BIN / "cadre"), "db_worker", "--no-reload"])
            wlog = work / f"worker-{label}.log"
            processes.append((f"worker {label}", _start(worker, env, wlog), wlog))
        _step("gunicorn A and B, two workers")
        for server, (_, process, log) in zip(servers, processes[::2], strict=True):
            smoke._wait_until_up(server, process, log)
        a, b = servers
        check_session(a, b, password.group(1))
        pk = check_api_writes(a, b)
        check_form_write(a, b, pk)
        check_staged_upload_and_job(a, b)
    except Failure as failure:
        print(f"\nTWO SERVERS CHECK FAILED: {failure}", file=sys.stderr)
        for label, _, log in processes:
            if log.exists():
                print(f"\n{label} log (last lines):\n{log.read_text()[-2500:]}",
                      file=sys.stderr)
        return 1
    finally:
        for _, process, _ in processes:
            _stop(process)
        if not os.environ.get("TWO_SERVERS_KEEP"):
            try:
                smoke._psql(url, f"DROP DATABASE IF EXISTS {name}")
            except Failure as exc:
                print(f"could not drop {name}: {exc}", file=sys.stderr)
            shutil.rmtree(work, ignore_errors=True)
    requests = sum(len(s.visited) for s in servers)
    print(f"\nTwo servers check passed in {time.monotonic() - started:.0f} s: {requests} "
          "requests, every write found through the other server on the first read.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
