"""Readiness self-assessment rounds and their answers (questions are keys of toolkit.py)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..toolkit import LEVELS, QUESTION_KEYS, TOP_LEVEL
from .workspaces import Workspace


class ReadinessRound(models.Model):
    """One pass through the questionnaire; each new round is compared with the one before."""

    wagtail_reference_index_ignore = True

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveIntegerField(_("round"))
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("readiness round")
        verbose_name_plural = _("readiness rounds")
        ordering = ["workspace", "number"]
        constraints = [models.UniqueConstraint(fields=["workspace", "number"], name="one_round_number_per_workspace")]

    def __str__(self) -> str:
        return f"{self.workspace} #{self.number}"

    def levels(self) -> dict[str, int]:
        return dict(self.answers.values_list("question", "level"))


class ReadinessAnswer(models.Model):
    wagtail_reference_index_ignore = True

    round = models.ForeignKey(ReadinessRound, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(_("question"), max_length=60, choices=[(k, k) for k in QUESTION_KEYS])
    level = models.PositiveSmallIntegerField(_("answer"), choices=LEVELS, validators=[MaxValueValidator(TOP_LEVEL)])
    note = models.TextField(_("note"), max_length=1000, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    answered_at = models.DateTimeField(_("answered"), auto_now=True)

    class Meta:
        verbose_name = _("readiness answer")
        verbose_name_plural = _("readiness answers")
        constraints = [models.UniqueConstraint(fields=["round", "question"], name="one_answer_per_question")]

    def __str__(self) -> str:
        return f"{self.round}: {self.question} = {self.level}"
