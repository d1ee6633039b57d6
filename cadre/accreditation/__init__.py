"""Accreditation against professional standards (issue 16): schemes and versioned criteria,
applications with a supporter, assessors allocated by an optimiser under conflict rules,
independent scoring, panel decisions and appeals, Open Badges 3.0 credentials with a status
list, and renewal through continuing professional development."""
