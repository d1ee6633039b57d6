"""A gap analysis as a PDF (reportlab), built from plain rows."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape


def gaps_pdf(title: str, subtitle: str, rows: list[dict]) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    data = [["Skill", "Needed", "Held", "Gap"]] + [
        [Paragraph(escape(r["skill"]), styles["BodyText"]), r["required"], r["held"],
         str(r["gap"])] for r in rows]
    table = Table(data, colWidths=[260, 80, 80, 40], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
        ("LINEBELOW", (0, 0), (-1, 0), 1, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=title).build([
        Paragraph(escape(title), styles["Title"]),
        Paragraph(escape(subtitle), styles["Normal"]), Spacer(1, 12), table])
    return out.getvalue()
