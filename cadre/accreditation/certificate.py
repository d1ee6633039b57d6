"""The PDF certificate of an award (ReportLab; no Django)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas


@dataclass(frozen=True)
class CertificateFacts:
    holder: str
    award: str
    issuer: str
    awarded_on: str
    expires_on: str
    status: str
    verify_url: str
    skills: tuple[str, ...] = ()


def render(facts: CertificateFacts) -> bytes:
    """A one-page landscape A4 certificate naming where to check it is still valid."""
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height), pageCompression=1)
    pdf.setTitle(f"Certificate: {facts.award}")
    pdf.setAuthor(facts.issuer)
    pdf.setStrokeColor(colors.HexColor("#1d70b8"))
    pdf.setLineWidth(3)
    pdf.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    centre = width / 2
    y = height - 45 * mm
    pdf.setFont("Helvetica", 14)
    pdf.drawCentredString(centre, y, facts.issuer)
    y -= 20 * mm
    pdf.setFont("Helvetica-Bold", 28)
    pdf.drawCentredString(centre, y, "Certificate of accreditation")
    y -= 18 * mm
    pdf.setFont("Helvetica", 14)
    pdf.drawCentredString(centre, y, "This certifies that")
    y -= 13 * mm
    pdf.setFont("Helvetica-Bold", 24)
    pdf.drawCentredString(centre, y, facts.holder)
    y -= 13 * mm
    pdf.setFont("Helvetica", 14)
    pdf.drawCentredString(centre, y, "is accredited as")
    y -= 11 * mm
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawCentredString(centre, y, facts.award)
    y -= 12 * mm
    pdf.setFont("Helvetica", 12)
    if facts.skills:
        pdf.drawCentredString(centre, y, "Validated skills: " + "; ".join(facts.skills)[:150])
        y -= 9 * mm
    pdf.drawCentredString(centre, y, f"Awarded {facts.awarded_on}. Valid until "
                                     f"{facts.expires_on} unless renewed.")
    y -= 8 * mm
    pdf.drawCentredString(centre, y, f"Status when printed: {facts.status}.")
    pdf.setFont("Helvetica", 10)
    pdf.drawCentredString(centre, 22 * mm, f"Check whether it is still valid at {facts.verify_url}")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
