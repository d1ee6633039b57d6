"""A local HTTP server that checks requests the way GOV.UK Notify's API documents them.

Two endpoints are served: ``POST /v2/notifications/email`` (send an email) and
``GET /v2/notifications/<id>`` (one notification and its delivery status). Each request must carry
``Authorization: Bearer <JWT>``: HS256, header ``typ`` JWT, claims ``iss`` (the service id
from the API key) and ``iat`` (within 30 seconds of now), signed with the key's secret.
The body must be JSON with ``email_address`` and ``template_id`` (a UUID), and optionally
``personalisation`` (an object), ``reference`` (a string), ``email_reply_to_id`` (a UUID)
and ``one_click_unsubscribe_url``; no other fields. Errors are answered in Notify's error
format (400 ValidationError / BadRequestError, 403 AuthError); an accepted message gets 201
and a response shaped like Notify's. A notification this server accepted is found again by
``GET`` with the status ``set_status(id, status)`` gave it (``sending`` until then); an id it
never gave out is a 404, one that is not a UUID a 400, as Notify answers.
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt

PATH = "/v2/notifications/email"
NOTIFICATION_PATH = re.compile(r"/v2/notifications/(?P<id>[^/?]+)")
#: The statuses Notify documents for an email.
EMAIL_STATUSES = ("created", "sending", "delivered", "permanent-failure",
                  "temporary-failure", "technical-failure")
FIELDS = {"email_address", "template_id", "personalisation", "reference",
          "email_reply_to_id", "one_click_unsubscribe_url"}


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime())


def _is_uuid(value: object) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return isinstance(value, str)


class FakeNotify:
    """Start with ``with FakeNotify(service_id, secret) as notify:``; ``notify.url``."""

    def __init__(self, service_id: str, secret: str) -> None:
        self.service_id = service_id
        self.secret = secret
        self.accepted: list[dict[str, Any]] = []
        self.refused: list[tuple[int, str]] = []
        #: Every notification accepted, by id: the request body and its current status.
        self.notifications: dict[str, dict[str, Any]] = {}
        #: The ids asked for with GET, in order.
        self.looked_up: list[str] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                self.answer(*fake.check(self.path, self.headers, self.rfile.read(length)))

            def do_GET(self) -> None:  # noqa: N802
                self.answer(*fake.look_up(self.path, self.headers))

            def answer(self, status: int, body: dict) -> None:
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FakeNotify:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _refuse(self, status: int, error: str, message: str) -> tuple[int, dict]:
        self.refused.append((status, message))
        return status, {"status_code": status, "errors": [{"error": error,
                                                            "message": message}]}

    def set_status(self, notification_id: str, status: str) -> None:
        """What Notify will say about one notification from now on (a test's lever)."""
        if status not in EMAIL_STATUSES:
            raise ValueError(f"Notify has no email status {status!r}")
        self.notifications[notification_id]["status"] = status

    def check(self, path: str, headers: Any, raw: bytes) -> tuple[int, dict]:
        """Notify's answer to one request; ``headers`` is looked up case-insensitively."""
        if path != PATH:
            return self._refuse(404, "BadRequestError", f"No endpoint {path}")
        refused = self._check_auth(headers)
        if refused is not None:
            return refused
        if not headers.get("Content-Type", "").startswith("application/json"):
            return self._refuse(400, "BadRequestError", "Content-Type must be JSON")
        try:
            body = json.loads(raw)
        except ValueError:
            return self._refuse(400, "BadRequestError", "Invalid JSON supplied in POST data")
        problems = self.body_problems(body)
        if problems:
            return self._refuse(400, "ValidationError", "; ".join(problems))
        self.accepted.append(body)
        notification_id = str(uuid.uuid4())
        self.notifications[notification_id] = {"body": body, "status": "sending",
                                                "created_at": _now()}
        return 201, {
            "id": notification_id, "reference": body.get("reference"),
            "content": {"subject": "subject", "body": "body", "from_email": "cadre@notify"},
            "uri": f"{self.url}/v2/notifications/{notification_id}",
            "template": {"id": body["template_id"], "version": 1,
                         "uri": f"{self.url}/v2/template/{body['template_id']}"},
        }

    def look_up(self, path: str, headers: Any) -> tuple[int, dict]:
        """Notify's answer to ``GET /v2/notifications/<id>``: the notification as Notify
        documents it (``status`` among them), 404 for an id it never gave out."""
        found = NOTIFICATION_PATH.fullmatch(path.split("?")[0])
        if found is None:
            return self._refuse(404, "BadRequestError", f"No endpoint {path}")
        refused = self._check_auth(headers)
        if refused is not None:
            return refused
        notification_id = found.group("id")
        if not _is_uuid(notification_id):
            return self._refuse(400, "ValidationError", "notification_id is not a valid UUID")
        self.looked_up.append(notification_id)
        stored = self.notifications.get(notification_id)
        if stored is None:
            return self._refuse(404, "NoResultFound", "No result found")
        body, status = stored["body"], stored["status"]
        final = status not in ("created", "sending")
        return 200, {
            "id": notification_id, "reference": body.get("reference"),
            "email_address": body["email_address"], "phone_number": None,
            "line_1": None, "line_2": None, "line_3": None, "line_4": None, "line_5": None,
            "line_6": None, "postcode": None, "postage": None, "type": "email",
            "status": status,
            "template": {"id": body["template_id"], "version": 1,
                         "uri": f"{self.url}/v2/template/{body['template_id']}"},
            "body": "body", "subject": "subject", "created_at": stored["created_at"],
            "created_by_name": None, "sent_at": stored["created_at"],
            "completed_at": _now() if final else None, "scheduled_for": None,
            "one_click_unsubscribe": None, "is_cost_data_ready": False,
            "cost_in_pounds": None, "cost_details": {},
        }

    def _check_auth(self, headers: Any) -> tuple[int, dict] | None:
        """The refusal for a missing or bad bearer token, or None when it is good."""
        auth = headers.get("Authorization", "")
        if not auth.startswith("Bearer "):
            return self._refuse(401, "AuthError", "Unauthorized: authentication token must "
                                "be provided")
        token = auth.removeprefix("Bearer ")
        try:
            header = jwt.get_unverified_header(token)
            claims = jwt.decode(token, self.secret, algorithms=["HS256"],
                                options={"require": ["iss", "iat"], "verify_iat": False})
        except jwt.InvalidTokenError as exc:
            return self._refuse(403, "AuthError", f"Invalid token: {exc}")
        if header.get("typ") != "JWT" or header.get("alg") != "HS256":
            return self._refuse(403, "AuthError", "Invalid token: header")
        if claims["iss"] != self.service_id:
            return self._refuse(403, "AuthError", "Invalid token: service id")
        if abs(time.time() - float(claims["iat"])) > 30:
            return self._refuse(403, "AuthError", "Error: Your system clock must be "
                                "accurate to within 30 seconds")
        return None

    @staticmethod
    def body_problems(body: object) -> list[str]:
        if not isinstance(body, dict):
            return ["body must be a JSON object"]
        problems = [f"Additional properties are not allowed ({name} was unexpected)"
                    for name in sorted(set(body) - FIELDS)]
        for name in ("email_address", "template_id"):
            if name not in body:
                problems.append(f"{name} is a required property")
        email = body.get("email_address")
        if email is not None and (not isinstance(email, str) or "@" not in email):
            problems.append("email_address Not a valid email address")
        if "template_id" in body and not _is_uuid(body["template_id"]):
            problems.append("template_id is not a valid UUID")
        if "email_reply_to_id" in body and not _is_uuid(body["email_reply_to_id"]):
            problems.append("email_reply_to_id is not a valid UUID")
        if "personalisation" in body and not isinstance(body["personalisation"], dict):
            problems.append("personalisation is not of type object")
        if "reference" in body and not isinstance(body["reference"], str):
            problems.append("reference is not of type string")
        return problems
