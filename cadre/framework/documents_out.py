"""Role profiles and job description outlines as DOCX and PDF downloads.

Built from a plain ``RoleProfile`` so the layout code needs no database.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field


@dataclass
class RoleProfile:
    title: str
    role: str
    family: str
    framework: str
    summary: str
    grades: str
    skills: list[tuple[str, str]] = field(default_factory=list)  # (skill, level)
    entry_routes: list[str] = field(default_factory=list)
    licence: str = ""

    def sections(self) -> list[tuple[str, list[str]]]:
        return [
            ("About the job", [self.summary or "Describe the team, the service and the work."]),
            ("Grade", [self.grades or "Set by the recruiting organisation."]),
            ("Essential skills", [f"{skill}, at {level} level" for skill, level in self.skills]),
            ("Ways into the role", self.entry_routes or ["Open to all routes."]),
        ]


def profile_docx(profile: RoleProfile) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(profile.title, level=0)
    document.add_paragraph(f"{profile.role}, {profile.family}. Framework: {profile.framework}.")
    for heading, lines in profile.sections():
        document.add_heading(heading, level=1)
        for line in lines:
            document.add_paragraph(line, style="List Bullet" if len(lines) > 1 else None)
    if profile.licence:
        document.add_paragraph(profile.licence)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def profile_pdf(profile: RoleProfile) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    story = [Paragraph(escape(profile.title), styles["Title"]),
             Paragraph(escape(f"{profile.role}, {profile.family}. Framework: "
                              f"{profile.framework}."), styles["Normal"]), Spacer(1, 12)]
    for heading, lines in profile.sections():
        story.append(Paragraph(escape(heading), styles["Heading2"]))
        story.append(ListFlowable([ListItem(Paragraph(escape(line), styles["Normal"]))
                                   for line in lines], bulletType="bullet"))
    if profile.licence:
        story += [Spacer(1, 12), Paragraph(escape(profile.licence), styles["Italic"])]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=profile.title).build(story)
    return out.getvalue()
