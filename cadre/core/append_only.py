"""Records that are written once and never changed or removed (learning records, ledger
entries): an abstract model whose save refuses a second write and whose manager refuses
bulk updates and deletes. Each app names its own error class and its records in words."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models


class AppendOnlyError(RuntimeError):
    """A change to, or removal of, an append-only record."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise self.model.append_only_error(f"{self.model.append_only_words} are never changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise self.model.append_only_error(f"{self.model.append_only_words} are never removed.")


class AppendOnlyModel(models.Model):
    """Abstract: set ``append_only_error`` (a subclass of ``AppendOnlyError``) and
    ``append_only_words`` (the records, as a message names them)."""

    append_only_error: ClassVar[type[Exception]] = AppendOnlyError
    append_only_words: ClassVar[str] = "These records"

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise self.append_only_error(f"{self.append_only_words} are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise self.append_only_error(f"{self.append_only_words} are never removed.")
