"""A local HTTP server that checks requests the way GOV.UK Notify's API documents them.

Only ``POST /v2/notifications/email`` is served. Each request must carry
``Authorization: Bearer <JWT>``: HS256, header ``typ`` JWT, claims ``iss`` (the service id
from the API key) and ``iat`` (within 30 seconds of now), signed with the key's secret.
The body must be JSON with ``email_address`` and ``template_id`` (a UUID), and optionally
``personalisation`` (an object), ``reference`` (a string), ``email_reply_to_id`` (a UUID)
and ``one_click_unsubscribe_url``; no other fields. Errors are answered in Notify's error
format (400 ValidationError / BadRequestError, 403 AuthError); an accepted message gets 201
and a response shaped like Notify's.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt

PATH = "/v2/notifications/email"
FIELDS = {"email_address", "template_id", "personalisation", "reference",
          "email_reply_to_id", "one_click_unsubscribe_url"}


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
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                status, body = fake.check(self.path, self.headers,
                                          self.rfile.read(length))
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

    def check(self, path: str, headers: Any, raw: bytes) -> tuple[int, dict]:
        """Notify's answer to one request; ``headers`` is looked up case-insensitively."""
        if path != PATH:
            return self._refuse(404, "BadRequestError", f"No endpoint {path}")
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
        return 201, {
            "id": notification_id, "reference": body.get("reference"),
            "content": {"subject": "subject", "body": "body", "from_email": "cadre@notify"},
            "uri": f"{self.url}/v2/notifications/{notification_id}",
            "template": {"id": body["template_id"], "version": 1,
                         "uri": f"{self.url}/v2/template/{body['template_id']}"},
        }

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
