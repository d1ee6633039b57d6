"""The capability framework ("the Blueprint"): versioned role families, roles,
ordered role levels, skills with a level scale, and required levels.

Several frameworks (and several versions of each) can coexist; one is the
default. This app knows nothing of organisations, people or access.
"""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from cadre.core.inputs import LONG_TEXT


class Framework(models.Model):
    name = models.CharField(max_length=200)
    version = models.CharField(max_length=50)
    source = models.CharField(max_length=500, blank=True)
    licence = models.CharField(max_length=300, blank=True)
    published_on = models.DateField(null=True, blank=True)
    is_default = models.BooleanField(default=False)
    revision = models.PositiveIntegerField(
        default=0, help_text="Raised by every change after import; keys cached career graphs."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="unique_framework_version"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.version_label}"

    @property
    def version_label(self) -> str:
        """The version for people: "2025", without the "(embedded)" the stored label of
        the copy shipped with Cadre carries (the stored label is unchanged, so commands
        and imports that name it still work)."""
        return " ".join(self.version.replace("(embedded)", "").split()) or self.version


class SkillLevel(models.Model):
    """One step of a framework's skill level scale (e.g. Awareness … Expert)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="levels")
    name = models.CharField(max_length=100)
    ordinal = models.PositiveSmallIntegerField()
    description = models.TextField(blank=True, max_length=LONG_TEXT)

    class Meta:
        ordering = ["framework", "ordinal"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "ordinal"], name="unique_level_ordinal"),
            models.UniqueConstraint(fields=["framework", "name"], name="unique_level_name"),
        ]

    def __str__(self) -> str:
        return self.name


class RoleFamily(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="families")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=LONG_TEXT)

    class Meta:
        ordering = ["framework", "name"]
        verbose_name_plural = "role families"
        constraints = [
            models.UniqueConstraint(fields=["framework", "name"], name="unique_family_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="roles")
    family = models.ForeignKey(RoleFamily, on_delete=models.CASCADE, related_name="roles")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=LONG_TEXT)

    class Meta:
        ordering = ["framework", "name"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "name"], name="unique_role_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Track(models.TextChoices):
    TECHNICAL = "technical", "Technical"
    MANAGEMENT = "management", "Management"


class RoleLevel(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="role_levels")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="levels")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=LONG_TEXT)
    order = models.PositiveSmallIntegerField(help_text="Position within the role, 0 = most junior.")
    seniority = models.PositiveSmallIntegerField(
        help_text="Seniority on a scale shared by all roles (see framework/level_order.py)."
    )
    track = models.CharField(max_length=20, choices=Track.choices, default=Track.TECHNICAL)
    is_senior_civil_service = models.BooleanField(default=False)
    grade_from = models.CharField(max_length=40, blank=True, help_text="Lowest expected grade.")
    grade_to = models.CharField(max_length=40, blank=True, help_text="Highest expected grade.")
    qualifications = models.TextField(blank=True, max_length=LONG_TEXT)
    experience = models.TextField(blank=True, max_length=LONG_TEXT)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "role__name", "order"]
        constraints = [
            models.UniqueConstraint(fields=["role", "name"], name="unique_role_level_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Skill(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="skills")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=LONG_TEXT)
    category = models.CharField(max_length=200, blank=True)
    is_core = models.BooleanField(default=False, help_text="Needed by roles in several families.")
    code = models.CharField(max_length=20, blank=True, help_text="e.g. a SFIA skill code")

    class Meta:
        ordering = ["framework", "name"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "name"], name="unique_skill_name"),
        ]

    def __str__(self) -> str:
        return self.name


class SkillDescriptor(models.Model):
    """What a skill looks like at one level of the scale."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="descriptors")
    level = models.ForeignKey(SkillLevel, on_delete=models.CASCADE, related_name="descriptors")
    description = models.TextField(blank=True, max_length=LONG_TEXT)

    class Meta:
        ordering = ["skill", "level__ordinal"]
        constraints = [
            models.UniqueConstraint(fields=["skill", "level"], name="unique_skill_descriptor"),
        ]

    def __str__(self) -> str:
        return f"{self.skill} at {self.level}"


class Requirement(models.Model):
    """The level of a skill that a role level needs."""

    role_level = models.ForeignKey(RoleLevel, on_delete=models.CASCADE,
                                   related_name="requirements")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="requirements")
    level = models.ForeignKey(SkillLevel, on_delete=models.PROTECT, related_name="requirements")
    history = HistoricalRecords()

    class Meta:
        ordering = ["role_level", "skill__name"]
        constraints = [
            models.UniqueConstraint(fields=["role_level", "skill"], name="unique_requirement"),
        ]

    def __str__(self) -> str:
        return f"{self.role_level}: {self.skill} at {self.level}"


class EntryRoute(models.Model):
    class Kind(models.TextChoices):
        APPRENTICESHIP = "apprenticeship", "Apprenticeship"
        GRADUATE = "graduate", "Graduate or Fast Stream"
        EXPERIENCED = "experienced", "Experienced entrant"
        CAREER_CHANGER = "career_changer", "Career changer or returner"

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="entry_routes")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    entry_level = models.ForeignKey(RoleLevel, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    description = models.TextField(blank=True, max_length=LONG_TEXT)

    class Meta:
        ordering = ["role", "kind"]

    def __str__(self) -> str:
        return f"{self.role}: {self.get_kind_display()}"


class SkillMapping(models.Model):
    """A skill in one framework that corresponds to a skill in another."""

    source = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="mappings_out")
    target = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="mappings_in")
    #: source level ordinal -> target level ordinal, e.g. {"1": 2, "2": 3}
    level_correspondence = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True, max_length=LONG_TEXT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="unique_skill_mapping"),
        ]

    def __str__(self) -> str:
        return f"{self.source} -> {self.target}"
