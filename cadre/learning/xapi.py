"""xAPI 1.0.3 statements without Django: checking, normalising and comparing (issue 17 point 7).

``check_statement`` applies the statement rules of the Experience API 1.0.3 data
specification that a learning record store must enforce, and ``XapiError`` names the
property path of every problem (``actor.mbox``, ``object.definition.name.en-GB``,
``result.score.raw``). ``same_statement`` says whether two statements with one id are the
same one (the comparison rules: the store's own properties, Activity definitions, the
way a timestamp is written, the case of a UUID and the order of a Group's members do not
count). Nothing here reads or writes the database.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import uuid
from collections.abc import Iterable
from typing import Any

#: The version this store speaks (``X-Experience-API-Version`` and ``GET /xapi/about``).
VERSION = "1.0.3"
VOIDED = "http://adlnet.gov/expapi/verbs/voided"
COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
PASSED = "http://adlnet.gov/expapi/verbs/passed"
COMPLETING_VERBS = frozenset({COMPLETED, PASSED})

#: Limits (docs/limits.md): any string in a statement, an IRI, list lengths.
MAX_STRING = 5000
MAX_IRI = 2000
MAX_LIST = 100
MAX_DEPTH = 12

_VERSION = re.compile(r"^1\.0(\.\d{1,3})?$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$")
_SHA1 = re.compile(r"^[0-9a-fA-F]{40}$")
_LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_DURATION = re.compile(
    r"^P(?!$)(?:\d+(?:\.\d+)?Y)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?W)?(?:\d+(?:\.\d+)?D)?"
    r"(?:T(?=\d)(?:\d+(?:\.\d+)?H)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?S)?)?$")
_TIMESTAMP = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$")
_INTERACTIONS = frozenset({"true-false", "choice", "fill-in", "long-fill-in", "matching",
                           "performance", "sequencing", "likert", "numeric", "other"})
_COMPONENT_LISTS = ("choices", "scale", "source", "target", "steps")


class XapiError(ValueError):
    """A statement that breaks a rule; ``problems`` is a list of (path, message)."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{path}: {message}" for path, message in problems))


class _Checker:
    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []

    def bad(self, path: str, message: str) -> None:
        self.problems.append((path or "statement", message))

    # -- shapes -----------------------------------------------------------------
    def obj(self, value: Any, path: str, allowed: Iterable[str]) -> bool:
        if not isinstance(value, dict):
            self.bad(path, "must be a JSON object.")
            return False
        for key in sorted(set(value) - set(allowed)):
            self.bad(_join(path, key), "is not a property xAPI 1.0.3 defines here.")
        for key, item in value.items():
            if item is None:
                self.bad(_join(path, key), "must not be null.")
        return True

    def string(self, value: Any, path: str, limit: int = MAX_STRING) -> bool:
        if not isinstance(value, str):
            self.bad(path, "must be a string.")
            return False
        if len(value) > limit:
            self.bad(path, f"must be {limit} characters or fewer.")
            return False
        return True

    def iri(self, value: Any, path: str) -> None:
        if self.string(value, path, MAX_IRI) and not _SCHEME.match(value):
            self.bad(path, "must be an absolute IRI, such as https://example.org/id.")

    def irl(self, value: Any, path: str) -> None:
        if self.string(value, path, MAX_IRI) and not re.match(r"^https?://\S+$", value):
            self.bad(path, "must be an http:// or https:// address.")

    def uuid(self, value: Any, path: str) -> None:
        if not isinstance(value, str) or not is_uuid(value):
            self.bad(path, "must be a UUID such as 6fa459ea-ee8a-3ca4-894e-db77e160355e.")

    def boolean(self, value: Any, path: str) -> None:
        if not isinstance(value, bool):
            self.bad(path, "must be true or false.")

    def number(self, value: Any, path: str) -> bool:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.bad(path, "must be a number.")
            return False
        return True

    def timestamp(self, value: Any, path: str) -> None:
        if not isinstance(value, str) or parse_timestamp(value) is None:
            self.bad(path, "must be an ISO 8601 date and time, such as "
                           "2026-12-05T10:30:00Z.")

    def language_map(self, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            self.bad(path, "must be a language map: an object of language tags to text.")
            return
        if len(value) > MAX_LIST:
            self.bad(path, f"must have {MAX_LIST} languages or fewer.")
        for tag, text in value.items():
            if not _LANGUAGE.match(tag):
                self.bad(_join(path, tag), "is not an RFC 5646 language tag, such as en-GB.")
            self.string(text, _join(path, tag))

    def extensions(self, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            self.bad(path, "must be an object whose keys are IRIs.")
            return
        for key in value:
            self.iri(key, f"{path}[{key!r}]")
        if _depth(value) > MAX_DEPTH:
            self.bad(path, f"must nest {MAX_DEPTH} levels deep or fewer.")

    def array(self, value: Any, path: str) -> list:
        if not isinstance(value, list):
            self.bad(path, "must be a list.")
            return []
        if len(value) > MAX_LIST:
            self.bad(path, f"must have {MAX_LIST} items or fewer.")
            return []
        return value

    # -- actors -----------------------------------------------------------------
    def ifis(self, value: dict, path: str) -> int:
        count = 0
        if "mbox" in value:
            count += 1
            mbox = value["mbox"]
            if self.string(mbox, _join(path, "mbox"), 254 + 7) and not re.match(
                    r"^mailto:[^@\s]+@[^@\s]+\.[^@\s]+$", mbox):
                self.bad(_join(path, "mbox"), "must be mailto: and an email address.")
        if "mbox_sha1sum" in value:
            count += 1
            if not isinstance(value["mbox_sha1sum"], str) or not _SHA1.match(
                    value["mbox_sha1sum"]):
                self.bad(_join(path, "mbox_sha1sum"),
                         "must be the 40 hex digits of a SHA-1 hash of a mailto: address.")
        if "openid" in value:
            count += 1
            self.iri(value["openid"], _join(path, "openid"))
        if "account" in value:
            count += 1
            account = value["account"]
            where = _join(path, "account")
            if self.obj(account, where, ("homePage", "name")):
                for key in ("homePage", "name"):
                    if key not in account:
                        self.bad(_join(where, key), "is required.")
                if "homePage" in account:
                    self.irl(account["homePage"], _join(where, "homePage"))
                if "name" in account:
                    self.string(account["name"], _join(where, "name"), 200)
        return count

    def agent(self, value: Any, path: str, *, kind_required: bool = False) -> None:
        if not self.obj(value, path, ("objectType", "name", "mbox", "mbox_sha1sum", "openid",
                                      "account")):
            return
        if kind_required and value.get("objectType") != "Agent":
            self.bad(_join(path, "objectType"), "must be \"Agent\".")
        if "name" in value:
            self.string(value["name"], _join(path, "name"), 200)
        count = self.ifis(value, path)
        if count != 1:
            self.bad(path, "An Agent needs exactly one identifier: mbox, mbox_sha1sum, "
                           f"openid or account (found {count}).")

    def group(self, value: dict, path: str) -> None:
        if not self.obj(value, path, ("objectType", "name", "member", "mbox", "mbox_sha1sum",
                                      "openid", "account")):
            return
        if "name" in value:
            self.string(value["name"], _join(path, "name"), 200)
        count = self.ifis(value, path)
        if count > 1:
            self.bad(path, f"A Group has at most one identifier (found {count}).")
        if count == 0 and not value.get("member"):
            self.bad(_join(path, "member"), "An anonymous Group (no identifier) must list its "
                                            "members.")
        if "member" in value:
            for index, member in enumerate(self.array(value["member"], _join(path, "member"))):
                where = f"{_join(path, 'member')}[{index}]"
                if isinstance(member, dict) and member.get("objectType") == "Group":
                    self.bad(_join(where, "objectType"), "A Group's members must be Agents.")
                else:
                    self.agent(member, where)

    def actor(self, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            self.bad(path, "must be an Agent or a Group object.")
            return
        kind = value.get("objectType", "Agent")
        if kind == "Group":
            self.group(value, path)
        elif kind == "Agent":
            self.agent(value, path)
        else:
            self.bad(_join(path, "objectType"), "must be \"Agent\" or \"Group\".")

    # -- verb, object -------------------------------------------------------------
    def verb(self, value: Any, path: str) -> None:
        if not self.obj(value, path, ("id", "display")):
            return
        if "id" not in value:
            self.bad(_join(path, "id"), "is required.")
        else:
            self.iri(value["id"], _join(path, "id"))
        if "display" in value:
            self.language_map(value["display"], _join(path, "display"))

    def definition(self, value: Any, path: str) -> None:
        allowed = ("name", "description", "type", "moreInfo", "extensions",
                   "interactionType", "correctResponsesPattern", *_COMPONENT_LISTS)
        if not self.obj(value, path, allowed):
            return
        for key in ("name", "description"):
            if key in value:
                self.language_map(value[key], _join(path, key))
        if "type" in value:
            self.iri(value["type"], _join(path, "type"))
        if "moreInfo" in value:
            self.irl(value["moreInfo"], _join(path, "moreInfo"))
        if "extensions" in value:
            self.extensions(value["extensions"], _join(path, "extensions"))
        interaction = value.get("interactionType")
        if interaction is not None and interaction not in _INTERACTIONS:
            self.bad(_join(path, "interactionType"),
                     f"must be one of: {', '.join(sorted(_INTERACTIONS))}.")
        if "correctResponsesPattern" in value:
            where = _join(path, "correctResponsesPattern")
            for index, item in enumerate(self.array(value["correctResponsesPattern"], where)):
                self.string(item, f"{where}[{index}]")
        for key in _COMPONENT_LISTS:
            if key not in value:
                continue
            if interaction is None:
                self.bad(_join(path, key), "needs an interactionType.")
            where = _join(path, key)
            for index, item in enumerate(self.array(value[key], where)):
                here = f"{where}[{index}]"
                if self.obj(item, here, ("id", "description")):
                    if "id" not in item:
                        self.bad(_join(here, "id"), "is required.")
                    else:
                        self.string(item["id"], _join(here, "id"), 200)
                    if "description" in item:
                        self.language_map(item["description"], _join(here, "description"))

    def activity(self, value: dict, path: str) -> None:
        if not self.obj(value, path, ("objectType", "id", "definition")):
            return
        if "id" not in value:
            self.bad(_join(path, "id"), "is required.")
        else:
            self.iri(value["id"], _join(path, "id"))
        if "definition" in value:
            self.definition(value["definition"], _join(path, "definition"))

    def statement_ref(self, value: dict, path: str) -> None:
        if not self.obj(value, path, ("objectType", "id")):
            return
        if "id" not in value:
            self.bad(_join(path, "id"), "is required.")
        else:
            self.uuid(value["id"], _join(path, "id"))

    def object(self, value: Any, path: str, *, sub: bool = False) -> None:
        if not isinstance(value, dict):
            self.bad(path, "must be an Activity, Agent, Group, StatementRef or SubStatement "
                           "object.")
            return
        kind = value.get("objectType", "Activity")
        if kind == "Activity":
            self.activity(value, path)
        elif kind == "Agent":
            self.agent(value, path)
        elif kind == "Group":
            self.group(value, path)
        elif kind == "StatementRef":
            self.statement_ref(value, path)
        elif kind == "SubStatement":
            if sub:
                self.bad(_join(path, "objectType"), "A SubStatement cannot contain another "
                                                    "SubStatement.")
            else:
                self.statement(value, path, sub=True)
        else:
            self.bad(_join(path, "objectType"), "must be Activity, Agent, Group, StatementRef "
                                                "or SubStatement.")

    # -- result, context, attachments ---------------------------------------------
    def result(self, value: Any, path: str) -> None:
        if not self.obj(value, path, ("score", "success", "completion", "response",
                                      "duration", "extensions")):
            return
        if "score" in value:
            self.score(value["score"], _join(path, "score"))
        for key in ("success", "completion"):
            if key in value:
                self.boolean(value[key], _join(path, key))
        if "response" in value:
            self.string(value["response"], _join(path, "response"))
        if "duration" in value and (not isinstance(value["duration"], str)
                                    or not _DURATION.match(value["duration"])):
            self.bad(_join(path, "duration"), "must be an ISO 8601 duration, such as PT1H30M.")
        if "extensions" in value:
            self.extensions(value["extensions"], _join(path, "extensions"))

    def score(self, value: Any, path: str) -> None:
        if not self.obj(value, path, ("scaled", "raw", "min", "max")):
            return
        numbers = {k: value[k] for k in ("scaled", "raw", "min", "max")
                   if k in value and self.number(value[k], _join(path, k))}
        if "scaled" in numbers and not -1 <= numbers["scaled"] <= 1:
            self.bad(_join(path, "scaled"), "must be between -1 and 1.")
        low, high, raw = numbers.get("min"), numbers.get("max"), numbers.get("raw")
        if low is not None and high is not None and low >= high:
            self.bad(_join(path, "min"), "must be less than max.")
        if raw is not None and low is not None and raw < low:
            self.bad(_join(path, "raw"), "must be at least min.")
        if raw is not None and high is not None and raw > high:
            self.bad(_join(path, "raw"), "must be at most max.")

    def context(self, value: Any, path: str, statement: dict) -> None:
        if not self.obj(value, path, ("registration", "instructor", "team",
                                      "contextActivities", "revision", "platform", "language",
                                      "statement", "extensions")):
            return
        if "registration" in value:
            self.uuid(value["registration"], _join(path, "registration"))
        if "instructor" in value:
            self.actor(value["instructor"], _join(path, "instructor"))
        if "team" in value:
            team = value["team"]
            if isinstance(team, dict) and team.get("objectType") == "Group":
                self.group(team, _join(path, "team"))
            else:
                self.bad(_join(path, "team"), "must be a Group (objectType \"Group\").")
        if "contextActivities" in value:
            where = _join(path, "contextActivities")
            activities = value["contextActivities"]
            if self.obj(activities, where, ("parent", "grouping", "category", "other")):
                for key, item in activities.items():
                    items = item if isinstance(item, list) else [item]
                    for index, one in enumerate(self.array(items, _join(where, key))):
                        here = f"{_join(where, key)}[{index}]" if isinstance(item, list) \
                            else _join(where, key)
                        if isinstance(one, dict) and one.get("objectType", "Activity") \
                                != "Activity":
                            self.bad(_join(here, "objectType"), "must be \"Activity\".")
                        else:
                            self.activity(one, here)
        object_kind = (statement.get("object") or {}).get("objectType") \
            if isinstance(statement.get("object"), dict) else None
        for key in ("revision", "platform"):
            if key in value:
                self.string(value[key], _join(path, key), 200)
                if object_kind in ("Agent", "Group"):
                    self.bad(_join(path, key), "must not be given when the object is an "
                                               "Agent or a Group.")
        if "language" in value and (not isinstance(value["language"], str)
                                    or not _LANGUAGE.match(value["language"])):
            self.bad(_join(path, "language"), "must be an RFC 5646 language tag, such as en-GB.")
        if "statement" in value:
            ref = value["statement"]
            where = _join(path, "statement")
            if isinstance(ref, dict) and ref.get("objectType") == "StatementRef":
                self.statement_ref(ref, where)
            else:
                self.bad(where, "must be a StatementRef (objectType \"StatementRef\").")
        if "extensions" in value:
            self.extensions(value["extensions"], _join(path, "extensions"))

    def attachments(self, value: Any, path: str) -> None:
        for index, item in enumerate(self.array(value, path)):
            where = f"{path}[{index}]"
            if not self.obj(item, where, ("usageType", "display", "description", "contentType",
                                          "length", "sha2", "fileUrl")):
                continue
            for key in ("usageType", "display", "contentType", "length", "sha2"):
                if key not in item:
                    self.bad(_join(where, key), "is required.")
            if "usageType" in item:
                self.iri(item["usageType"], _join(where, "usageType"))
            for key in ("display", "description"):
                if key in item:
                    self.language_map(item[key], _join(where, key))
            if "contentType" in item:
                self.string(item["contentType"], _join(where, "contentType"), 200)
            if "length" in item and (isinstance(item["length"], bool)
                                     or not isinstance(item["length"], int)
                                     or item["length"] < 0):
                self.bad(_join(where, "length"), "must be a whole number of bytes.")
            if "sha2" in item and (not isinstance(item["sha2"], str)
                                   or not re.match(r"^[0-9a-fA-F]{64,128}$", item["sha2"])):
                self.bad(_join(where, "sha2"), "must be a SHA-2 hash in hex.")
            if "fileUrl" in item:
                self.irl(item["fileUrl"], _join(where, "fileUrl"))
            elif "sha2" in item:
                self.bad(_join(where, "fileUrl"), "is required: this store does not take "
                                                  "attachment content, only a fileUrl.")

    # -- the statement --------------------------------------------------------------
    def statement(self, value: Any, path: str = "", *, sub: bool = False) -> None:
        top = ("id", "actor", "verb", "object", "result", "context", "timestamp", "stored",
               "authority", "version", "attachments")
        allowed = ("objectType", "actor", "verb", "object", "result", "context", "timestamp",
                   "attachments") if sub else top
        if not self.obj(value, path, allowed):
            return
        for key in ("actor", "verb", "object"):
            if key not in value:
                self.bad(_join(path, key), "is required.")
        if "id" in value:
            self.uuid(value["id"], _join(path, "id"))
        if "actor" in value:
            self.actor(value["actor"], _join(path, "actor"))
        if "verb" in value:
            self.verb(value["verb"], _join(path, "verb"))
        if "object" in value:
            self.object(value["object"], _join(path, "object"), sub=sub)
        if "result" in value:
            self.result(value["result"], _join(path, "result"))
        if "context" in value:
            self.context(value["context"], _join(path, "context"), value)
        for key in ("timestamp", "stored"):
            if key in value:
                self.timestamp(value[key], _join(path, key))
        if "authority" in value:
            self.actor(value["authority"], _join(path, "authority"))
        if "version" in value and (not isinstance(value["version"], str)
                                   or not _VERSION.match(value["version"])):
            self.bad(_join(path, "version"), "must be a 1.0.x version, such as 1.0.3.")
        if "attachments" in value:
            self.attachments(value["attachments"], _join(path, "attachments"))
        verb = value.get("verb")
        if isinstance(verb, dict) and verb.get("id") == VOIDED and not sub:
            target = value.get("object")
            if not isinstance(target, dict) or target.get("objectType") != "StatementRef":
                self.bad(_join(path, "object"), "A voiding statement's object must be a "
                                                "StatementRef to the statement it voids.")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _depth(value: Any, level: int = 0) -> int:
    if level > MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level


def is_uuid(value: str) -> bool:
    """A UUID written in its usual 8-4-4-4-12 hex form (either case)."""
    if not re.match(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                    r"[0-9a-fA-F]{12}$", value or ""):
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def parse_timestamp(value: str) -> dt.datetime | None:
    """An ISO 8601 date and time (no zone = UTC), or None when it is not one."""
    if not _TIMESTAMP.match(value or ""):
        return None
    text = value.replace("Z", "+00:00")
    match = re.match(r"^(.*T\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(.*)$", text)
    if match and match.group(2):  # Python takes at most 6 decimals
        text = match.group(1) + match.group(2)[:7] + match.group(3)
    if re.search(r"[+-]\d{4}$", text):
        text = text[:-2] + ":" + text[-2:]
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def check_statement(statement: Any) -> dict:
    """The statement if it keeps every rule, else ``XapiError`` listing each problem."""
    checker = _Checker()
    checker.statement(statement)
    if checker.problems:
        raise XapiError(checker.problems)
    return statement


def check_version(header: str | None) -> str:
    """The ``X-Experience-API-Version`` header, which must be 1.0.x."""
    if not header:
        raise XapiError([("X-Experience-API-Version", "The header is required (1.0.3).")])
    if not _VERSION.match(header.strip()):
        raise XapiError([("X-Experience-API-Version",
                          f"This store speaks 1.0.x, not '{header.strip()[:20]}'.")])
    return header.strip()


def actor_email(actor: Any) -> str:
    """The email address of an Agent identified by ``mbox`` (lower case), else ``""``."""
    if isinstance(actor, dict) and actor.get("objectType", "Agent") == "Agent":
        mbox = actor.get("mbox")
        if isinstance(mbox, str) and mbox.lower().startswith("mailto:"):
            return mbox[7:].strip().lower()
    return ""


def agent_key(agent: Any) -> str:
    """An Agent's or identified Group's identifier as one string (``""`` for an anonymous
    Group): what the ``agent`` filter matches."""
    if not isinstance(agent, dict):
        return ""
    if isinstance(agent.get("mbox"), str):
        return "mbox:" + agent["mbox"].lower()
    if isinstance(agent.get("mbox_sha1sum"), str):
        return "sha1:" + agent["mbox_sha1sum"].lower()
    if isinstance(agent.get("openid"), str):
        return "openid:" + agent["openid"]
    account = agent.get("account")
    if isinstance(account, dict):
        return f"account:{account.get('homePage', '')}|{account.get('name', '')}"
    return ""


def object_id(statement: dict) -> str:
    """The id of an Activity or StatementRef object, an Agent's or Group's identifier
    string, or ``""`` for a SubStatement."""
    target = statement.get("object") or {}
    kind = target.get("objectType", "Activity")
    if kind in ("Activity", "StatementRef"):
        return str(target.get("id", ""))
    if kind in ("Agent", "Group"):
        return agent_key(target)
    return ""


def voided_target(statement: dict) -> str:
    """The id (lower case) a voiding statement voids, or ``""``."""
    if statement.get("verb", {}).get("id") != VOIDED:
        return ""
    return str(statement["object"]["id"]).lower()


_ACTIVITY_KEYS = ("object", "parent", "grouping", "category", "other")
_AGENT_KEYS = ("actor", "object", "instructor", "authority", "member")


def _canonical(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        activity = key in _ACTIVITY_KEYS and value.get("objectType", "Activity") == "Activity"
        out = {}
        for k, v in value.items():
            if activity and k == "definition":
                continue  # an Activity's definition does not make another statement
            out[k] = _canonical(v, k)
        if activity or (key in _AGENT_KEYS and out.get("objectType") == "Agent"):
            out.pop("objectType", None)  # the default kind, written or not
        if "member" in out and isinstance(out["member"], list):
            out["member"] = sorted(out["member"], key=repr)
        return out
    if isinstance(value, list):
        items = [_canonical(v, key) for v in value]
        return items
    if isinstance(value, str) and key == "timestamp":
        moment = parse_timestamp(value)
        return moment.astimezone(dt.UTC).isoformat() if moment else value
    if isinstance(value, str) and key in ("id", "registration") and is_uuid(value):
        return value.lower()
    return value


def comparable(statement: dict) -> dict:
    """The statement without what the comparison rules leave out (see the module text)."""
    body = copy.deepcopy(statement)
    for key in ("id", "stored", "authority", "version"):
        body.pop(key, None)
    context = body.get("context")
    if isinstance(context, dict) and isinstance(context.get("contextActivities"), dict):
        for name, item in context["contextActivities"].items():
            if isinstance(item, dict):  # one Activity is the same as a list of one
                context["contextActivities"][name] = [item]
    return _canonical(body)


def same_statement(one: dict, other: dict) -> bool:
    """Whether two statements sent with the same id are the same statement."""
    return comparable(one) == comparable(other)


def stored_form(statement: dict, *, statement_id: str, stored: dt.datetime,
                authority: dict) -> dict:
    """The statement as the store keeps and returns it: id, timestamp (defaults to stored),
    ``stored``, ``authority`` and ``version`` filled in."""
    body = copy.deepcopy(statement)
    stamp = stored.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    body["id"] = statement_id
    body.setdefault("timestamp", stamp)
    body["stored"] = stamp
    body["authority"] = authority
    body["version"] = body.get("version") or "1.0.0"
    return body
