"""``cadre talent succession ACTION``: critical posts, successors, candidates, coverage."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import command_line_actor
from cadre.core.exports import write_export
from cadre.framework.models import RoleLevel
from cadre.people import cli
from cadre.people.models import Person
from cadre.talent import selectors as sel
from cadre.talent import services
from cadre.talent.models import CriticalPost, Readiness, Successor


def _format(output: object) -> str:
    """XLSX or ODS for a file named .xlsx or .ods, else CSV."""
    suffix = str(output or "").lower().rsplit(".", 1)[-1]
    return suffix if output and suffix in ("xlsx", "ods") else "csv"


class Command(BaseCommand):
    help = "Critical posts and their successors: list, create, add, candidates, coverage."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        sub = parser.add_subparsers(dest="action", required=True)
        ls = sub.add_parser("list", help="List critical posts with successors by readiness.")
        ls.add_argument("--organisation")
        create = sub.add_parser("create", help="Record a critical post.")
        create.add_argument("--organisation", required=True)
        create.add_argument("--title", required=True)
        create.add_argument("--role-level", type=int, required=True, help="Role level id")
        create.add_argument("--incumbent", help="Staff number in the organisation")
        create.add_argument("--risk", choices=CriticalPost.Risk.values, default="medium")
        create.add_argument("--reason", default="", help="Why the post is at risk")
        update = sub.add_parser("update", help="Change a post's incumbent or risk of loss.")
        update.add_argument("--post", type=int, required=True)
        update.add_argument("--incumbent", help="Staff number; omit for a vacant post")
        update.add_argument("--risk", choices=CriticalPost.Risk.values, required=True)
        update.add_argument("--reason", default="")
        add = sub.add_parser("add", help="Name a successor.")
        add.add_argument("--post", type=int, required=True)
        add.add_argument("--person", required=True, help="ORGANISATION/STAFF_NUMBER")
        add.add_argument("--readiness", choices=Readiness.values, required=True)
        add.add_argument("--note", default="")
        ready = sub.add_parser("readiness", help="Change a successor's readiness.")
        ready.add_argument("--post", type=int, required=True)
        ready.add_argument("--person", required=True, help="ORGANISATION/STAFF_NUMBER")
        ready.add_argument("--readiness", choices=Readiness.values, required=True)
        remove = sub.add_parser("remove", help="Take a successor off a post's plan.")
        remove.add_argument("--post", type=int, required=True)
        remove.add_argument("--person", required=True, help="ORGANISATION/STAFF_NUMBER")
        cand = sub.add_parser("candidates", help="Candidates ranked by skill fit.")
        cand.add_argument("--post", type=int, required=True)
        cand.add_argument("--limit", type=int, default=10)
        sub.add_parser("coverage", help="Share of posts with a ready-now successor.")
        export = sub.add_parser("export", help="Export every plan (audited).")
        export.add_argument("--output", "-o", help="File (.csv, .xlsx or .ods); default stdout")

    def handle(self, *args: str, **options: object) -> None:
        cli.run_action(self, options)

    def _post(self, pk: object) -> CriticalPost:
        post = CriticalPost.objects.filter(pk=pk).select_related("role_level").first()
        if post is None:
            raise CommandError(f"No critical post {pk}.")
        return post

    def _list(self, options: dict) -> None:
        qs = CriticalPost.objects.select_related("organisation").prefetch_related("successors")
        org = cli.organisation(options["organisation"])  # type: ignore[arg-type]
        if org is not None:
            qs = qs.filter(organisation=org)
        for post in qs:
            counts = {r: sum(1 for s in post.successors.all() if s.readiness == r)
                      for r in Readiness.values}
            self.stdout.write(f"{post.pk}\t{post.organisation.abbreviation}\t{post.title}\t"
                              f"risk {post.risk_of_loss}\tready now {counts['now']}, "
                              f"1-2 years {counts['1_2_years']}, "
                              f"3+ years {counts['3_plus_years']}")

    def _create(self, options: dict) -> None:
        org = cli.organisation(str(options["organisation"]))
        level = RoleLevel.objects.filter(pk=options["role_level"]).first()
        if level is None:
            raise CommandError(f"No role level {options['role_level']}.")
        incumbent = None
        if options["incumbent"]:
            incumbent = Person.objects.filter(organisation=org,
                                              staff_number=options["incumbent"]).first()
            if incumbent is None:
                raise CommandError(f"No person {options['incumbent']} in {org.abbreviation}.")
        post = services.create_critical_post(
            actor=command_line_actor(), organisation=org, title=str(options["title"]),
            role_level=level,
            incumbent=incumbent, risk_of_loss=str(options["risk"]),
            risk_reason=str(options["reason"]))
        self.stdout.write(f"Recorded critical post {post.pk}: {post.title}")

    def _update(self, options: dict) -> None:
        post = self._post(options["post"])
        incumbent = None
        if options["incumbent"]:
            incumbent = Person.objects.filter(organisation_id=post.organisation_id,
                                              staff_number=options["incumbent"]).first()
            if incumbent is None:
                raise CommandError(f"No person {options['incumbent']} in the organisation.")
        services.update_critical_post(actor=command_line_actor(), post=post, incumbent=incumbent,
                                      risk_of_loss=str(options["risk"]),
                                      risk_reason=str(options["reason"]))
        self.stdout.write(f"Updated critical post {post.pk}: {post.title}")

    def _add(self, options: dict) -> None:
        successor = services.add_successor(
            actor=command_line_actor(), post=self._post(options["post"]),
            person=cli.person(str(options["person"])), readiness=str(options["readiness"]),
            note=str(options["note"]))
        self.stdout.write(f"Named {successor.person.full_name} "
                          f"({successor.get_readiness_display().lower()})")

    def _successor(self, options: dict) -> Successor:
        post = self._post(options["post"])
        person = cli.person(str(options["person"]))
        successor = post.successors.filter(person=person).select_related("post",
                                                                         "person").first()
        if successor is None:
            raise CommandError(f"{person.full_name} is not a successor for {post.title}.")
        return successor

    def _readiness(self, options: dict) -> None:
        successor = services.set_readiness(actor=command_line_actor(),
                                           successor=self._successor(options),
                                           readiness=str(options["readiness"]))
        self.stdout.write(f"{successor.person.full_name}: "
                          f"{successor.get_readiness_display().lower()}")

    def _remove(self, options: dict) -> None:
        successor = self._successor(options)
        services.remove_successor(actor=command_line_actor(), successor=successor)
        self.stdout.write(f"Removed {successor.person.full_name} from {successor.post.title}")

    def _candidates(self, options: dict) -> None:
        post = self._post(options["post"])
        found = sel.candidates(None, post, limit=int(options["limit"]),
                               people=Person.objects.all())
        if not found:
            self.stdout.write("No candidates (the role level needs no skills, or no one "
                              "is recorded).")
        for c in found:
            e = c.explanation
            self.stdout.write(f"{e['position']}\t{c.person.organisation.abbreviation}/"
                              f"{c.person.staff_number}\t{c.person.full_name}\t{c.score}\t"
                              f"{c.words}")

    def _coverage(self, options: dict) -> None:
        rows = sel.succession_coverage()
        for r in rows:
            self.stdout.write(f"{r.organisation}\t{r.ready_now} of {r.posts} posts "
                              f"({round(100 * r.share)}%)")
        posts, ready = sum(r.posts for r in rows), sum(r.ready_now for r in rows)
        share = round(100 * ready / posts) if posts else 0
        self.stdout.write(f"Across government\t{ready} of {posts} posts ({share}%)")

    def _export(self, options: dict) -> None:
        export = services.export_succession(actor=command_line_actor(),
                                            fmt=_format(options["output"]),
                                            channel="command line")
        line = write_export(export, options["output"], sys.stdout.buffer)
        if line:
            self.stderr.write(line)
