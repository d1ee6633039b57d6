"""The demo site for whole-site tests: the demo data every role signs in to, and a crawler.

``load_demo_site()`` runs the same commands as ``make demo`` (with a smaller synthetic
government) so that the crawl and the accessibility tests see what a person trying the
demo sees. ``crawl()`` follows links only, from the home page, as one signed-in client.
"""

from __future__ import annotations

import io
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlencode, urljoin, urlsplit

from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve

from cadre.people import demo

#: People in the synthetic government (``make demo`` uses 2,000; a few hundred is enough
#: to give every organisation extracts, titles to review and pictures to draw).
GENERATED_PEOPLE = 150


def load_demo_site() -> None:
    """Reference data, demo people and sign-ins, capability, a small synthetic
    government with its HR extracts, the talent demo data, the Fast Stream, accreditation
    learning supply, the community, recruitment and strategy tracking."""
    out = io.StringIO()
    call_command("load_defaults", stdout=out)
    call_command("demo_load", stdout=out)
    call_command("demo_capability", stdout=out)
    call_command("demo_generate", people=GENERATED_PEOPLE, seed=1, skip_existing=True, stdout=out)
    call_command("demo_talent", stdout=out)
    call_command("demo_programmes", stdout=out)
    call_command("demo_accreditation", stdout=out)
    call_command("demo_learning", stdout=out)
    call_command("demo_community", stdout=out)
    call_command("demo_recruitment", stdout=out)
    call_command("demo_strategy", stdout=out)


def demo_emails() -> list[str]:
    """One sign-in per demo role, as ``cadre demo load`` prints them."""
    return [account.email for account in demo.DEMO_ACCOUNTS]


class _Links(HTMLParser):
    """Links (``<a href>``) and GET forms, each form as the address its submit button
    would open with the values already filled in."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._select_value: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.hrefs.append(found["href"] or "")
        elif tag == "form":
            method = (found.get("method") or "get").lower()
            self._form = ({"action": found.get("action") or "", "fields": []}
                          if method == "get" else None)
        elif self._form is None:
            return
        elif tag == "input" and found.get("name"):
            kind = (found.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in found:
                return
            if kind not in ("submit", "button", "image", "file"):
                self._form["fields"].append((found["name"], found.get("value") or ""))
        elif tag == "select" and found.get("name"):
            self._select, self._select_value = found["name"], None
        elif tag == "option" and self._select is not None and (
                self._select_value is None or "selected" in found):
            self._select_value = found.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None and self._form is not None:
            self._form["fields"].append((self._select, self._select_value or ""))
            self._select = None
        elif tag == "form" and self._form is not None:
            query = urlencode(self._form["fields"])
            self.hrefs.append(self._form["action"].split("?")[0] + (f"?{query}" if query else ""))
            self._form = None


#: Addresses the crawler does not open: static files and the API (the API is not
#: reached by links; its own tests cover it).
SKIPPED_PREFIXES = ("/static/", "/media/", "/api/v1/schema", "/api/v1/docs/")


@dataclass
class Crawl:
    """What one account reached: each address opened, with its status and URL name."""

    pages: dict[str, int] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    found_on: dict[str, str] = field(default_factory=dict)
    templates: dict[str, set[str]] = field(default_factory=dict)

    def reached(self) -> set[str]:
        return set(self.names.values())

    def broken(self) -> list[str]:
        return [f"{url} answered {status} (linked from {self.found_on.get(url, '?')})"
                for url, status in self.pages.items()
                if status in (403, 404) or status >= 500]


def links_on(html: str, base: str) -> list[str]:
    """Every same-site link and GET form on the page, without fragments, as paths with
    queries."""
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        if href.startswith(("mailto:", "tel:", "javascript:")):
            continue
        url = urldefrag(urljoin(base, href))[0]
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path and not path.startswith(SKIPPED_PREFIXES):
            found.append(path)
    return found


def url_name(path: str) -> str | None:
    """The namespaced URL name a path resolves to, or None."""
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def crawl(client: Client, *, start: str = "/", max_pages: int = 400,
          per_pattern: int = 4) -> Crawl:
    """Open ``start`` and every page linked from what was opened, breadth first (a GET
    form counts as a link, submitted as it stands).

    Two vacancies show the same template as twenty, so instances of one URL name (with
    other ids or queries) stop being opened once ``per_pattern`` of them in a row linked
    to no URL name not already found; at most ``max_pages`` pages are opened in all.
    Non-HTML answers (downloads) are opened but not read.
    """
    result = Crawl()
    stale: Counter[str] = Counter()
    names_found: set[str] = set()
    queue: deque[tuple[str, str]] = deque([(start, "(start)")])
    queued = {start}
    while queue and len(result.pages) < max_pages:
        path, source = queue.popleft()
        name = url_name(path)
        if name is None:
            result.pages[path] = 404
            result.found_on[path] = source
            continue
        pattern = name + ("?" if "?" in path else "")
        if stale[pattern] >= per_pattern:
            continue
        response = client.get(path)
        result.pages[path] = response.status_code
        result.names[path] = name
        result.found_on[path] = source
        result.templates[path] = {t.name for t in getattr(response, "templates", []) or []
                                  if t.name}
        found: list[str] = []
        if response.status_code in (301, 302) and response.get("Location"):
            target = urlsplit(urljoin(path, response["Location"]))
            found = [target.path + (f"?{target.query}" if target.query else "")]
        elif "text/html" in response.get("Content-Type", ""):
            found = links_on(response.content.decode("utf-8", "replace"), path)
        new_names = {n for n in map(url_name, found) if n} - names_found
        names_found |= new_names
        stale[pattern] = 0 if new_names else stale[pattern] + 1
        for link in found:
            if link not in queued and not link.startswith(SKIPPED_PREFIXES):
                queued.add(link)
                queue.append((link, path))
    return result
