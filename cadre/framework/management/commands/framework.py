"""``cadre framework ...``: import, export, compare, map and list capability frameworks."""

import json
import sys
from pathlib import Path

from django.core.management.base import CommandError

from cadre.core.actor import Actor
from cadre.core.commands import SubcommandCommand
from cadre.core.management.files import read_input_file
from cadre.core.tabular import TableError
from cadre.framework import selectors, services
from cadre.framework.ddat_csv import FrameworkFileError, parse_ddat
from cadre.framework.diff import diff_documents
from cadre.framework.documents import DocumentError, ddat_document
from cadre.framework.serialisation import framework_to_dict
from cadre.framework.sfia_csv import sfia_document

DDAT_NAME = "UK Government Digital and Data Capability Framework"


class Command(SubcommandCommand):
    help = "Import, export, compare and list capability frameworks."
    file_errors = (TableError, DocumentError, FrameworkFileError)

    def add_actions(self, sub) -> None:  # noqa: ANN001
        ddat = sub.add_parser("import-ddat", help="Import the UK framework's published CSVs.")
        ddat.add_argument("--roles", required=True)
        ddat.add_argument("--skills", required=True)
        ddat.add_argument("--version", help="Version label (default: today's date)")
        ddat.add_argument("--name", default=DDAT_NAME)
        ddat.add_argument("--default", action="store_true", help="Make it the default")
        sfia = sub.add_parser("import-sfia", help="Import a SFIA skills CSV (licence needed).")
        sfia.add_argument("file")
        sfia.add_argument("--version", required=True)
        imp = sub.add_parser("import", help="Import a framework JSON document.")
        imp.add_argument("file")
        imp.add_argument("--version", help="Store under this version label (a copy)")
        exp = sub.add_parser("export", help="Export a framework as JSON.")
        exp.add_argument("--framework", help="Framework name (default: the default framework)")
        exp.add_argument("--version")
        exp.add_argument("--format", choices=["json"], default="json")
        exp.add_argument("--output", "-o")
        diff = sub.add_parser("diff", help="Compare two versions of a framework.")
        diff.add_argument("--framework")
        diff.add_argument("--from", dest="from_version", required=True)
        diff.add_argument("--to", dest="to_version", required=True)
        diff.add_argument("--format", choices=["json"], default="json")
        mapping = sub.add_parser("map", help="Record that a skill corresponds to another "
                                             "framework's skill.")
        mapping.add_argument("--skill", required=True)
        mapping.add_argument("--framework", required=True)
        mapping.add_argument("--version", required=True)
        mapping.add_argument("--to-skill", required=True)
        mapping.add_argument("--to-framework", required=True)
        mapping.add_argument("--to-version", required=True)
        mapping.add_argument("--levels", default="", help="Level ordinals, e.g. 1:2,2:3,3:5")
        mapping.add_argument("--note", default="")
        sub.add_parser("list", help="List frameworks and versions.")
        default = sub.add_parser("set-default", help="Choose the default framework version.")
        default.add_argument("--framework", required=True)
        default.add_argument("--version", required=True)

    def handle_import_ddat(self, options: dict, *, actor: Actor) -> None:
        import datetime as dt

        roles, skills = str(options["roles"]), str(options["skills"])
        parsed = parse_ddat(read_input_file(roles), read_input_file(skills),
                            roles_name=Path(roles).name, skills_name=Path(skills).name)
        version = options["version"] or dt.date.today().isoformat()
        document = ddat_document(parsed, name=str(options["name"]), version=str(version),
                                 source=f"{Path(roles).name}, {Path(skills).name}",
                                 licence="Open Government Licence v3.0")
        framework = services.import_document(
            actor=actor,
            document=document, make_default=True if options["default"] else None,
            source_name=f"{roles} and {skills}")
        self._report(framework, parsed.warnings)

    def handle_import_sfia(self, options: dict, *, actor: Actor) -> None:
        path = str(options["file"])
        document = sfia_document(read_input_file(path), filename=Path(path).name,
                                 version=str(options["version"]))
        framework = services.import_document(actor=actor,
                                             document=document, make_default=False,
                                             source_name=path)
        self._report(framework, [])

    def handle_import(self, options: dict, *, actor: Actor) -> None:
        path = str(options["file"])
        try:
            document = json.loads(read_input_file(path))
        except json.JSONDecodeError as exc:
            raise CommandError(f"{path} is not valid JSON: {exc}") from exc
        framework = services.import_document(
            actor=actor,
            document=document, version=options["version"], source_name=path)
        self._report(framework, [])

    def _report(self, framework, warnings: list[str]) -> None:  # noqa: ANN001
        self.stdout.write(
            f"Imported {framework}: {framework.families.count()} role families, "
            f"{framework.roles.count()} roles, {framework.role_levels.count()} role levels, "
            f"{framework.skills.count()} skills"
            f"{', the default' if framework.is_default else ''}.")
        if warnings:
            self.stderr.write(f"{len(warnings)} note(s) about the files, for example:")
            for warning in warnings[:5]:
                self.stderr.write(f"  {warning}")

    def _find(self, name: object, version: object):  # noqa: ANN202
        framework = selectors.framework_by_label(name and str(name), version and str(version))
        if framework is None:
            raise CommandError(f"No framework {name or '(default)'} {version or ''}".strip())
        return framework

    def handle_export(self, options: dict, *, actor: Actor) -> None:
        framework = self._find(options["framework"], options["version"])
        text = json.dumps(framework_to_dict(framework), indent=1, ensure_ascii=False) + "\n"
        if options["output"]:
            Path(str(options["output"])).write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {framework} to {options['output']}")
        else:
            sys.stdout.write(text)

    def handle_diff(self, options: dict, *, actor: Actor) -> None:
        name = options["framework"] or (selectors.default_framework() or self._find(None, None)
                                        ).name
        old = self._find(name, options["from_version"])
        new = self._find(name, options["to_version"])
        result = diff_documents(framework_to_dict(old), framework_to_dict(new))
        sys.stdout.write(json.dumps(result, indent=1, ensure_ascii=False) + "\n")

    def handle_map(self, options: dict, *, actor: Actor) -> None:
        source_fw = self._find(options["framework"], options["version"])
        target_fw = self._find(options["to_framework"], options["to_version"])
        source = source_fw.skills.filter(name=options["skill"]).first()
        target = target_fw.skills.filter(name=options["to_skill"]).first()
        if source is None or target is None:
            missing = options["skill"] if source is None else options["to_skill"]
            raise CommandError(f"No skill named '{missing}' in that framework.")
        mapping = services.map_skill(
            actor=actor, source=source, target=target,
            levels=services.parse_level_correspondence(str(options["levels"])),
            note=str(options["note"]))
        self.stdout.write(f"Mapped {source} to {target}: {mapping.level_correspondence}")

    def handle_list(self, options: dict, *, actor: Actor) -> None:
        for f in selectors.framework_list():
            mark = " (default)" if f.is_default else ""
            self.stdout.write(f"{f.name} | {f.version}{mark} | {f.role_count} roles, "
                              f"{f.skill_count} skills")

    def handle_set_default(self, options: dict, *, actor: Actor) -> None:
        framework = self._find(options["framework"], options["version"])
        services.set_default_framework(actor=actor, framework=framework)
        self.stdout.write(f"{framework} is now the default framework.")
