"""An agency's workspace, its members and the invitations that bring them in."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField


def new_token() -> str:
    return secrets.token_urlsafe(32)


class WorkspaceQuerySet(models.QuerySet):
    def of_member(self, user):
        """The workspaces ``user`` is a member of (none for anonymous)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(memberships__user=user)


class Workspace(models.Model):
    """One agency's private space: only its members see anything in it, on every surface."""

    wagtail_reference_index_ignore = True

    name = models.CharField(_("agency"), max_length=200, help_text=_("The agency's name, as its members write it."))
    slug = models.SlugField(_("slug"), unique=True, max_length=80)
    country = CountryField(_("country"))
    region = models.CharField(_("region"), max_length=40, blank=True, help_text=_("From the country."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )

    objects = WorkspaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("agency workspace")
        verbose_name_plural = _("agency workspaces")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", pgettext_lazy("workspace role", "Workspace admin")
        MEMBER = "member", pgettext_lazy("workspace role", "Member")

    wagtail_reference_index_ignore = True

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workspace_memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("workspace member")
        verbose_name_plural = _("workspace members")
        ordering = ["joined_at", "id"]
        constraints = [models.UniqueConstraint(fields=["workspace", "user"], name="one_membership_per_workspace")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.workspace}"


class WorkspaceInvitation(models.Model):
    """A workspace admin invites a colleague by email; only an account that verified that very
    address can accept, within INVITATION_DAYS."""

    wagtail_reference_index_ignore = True

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("workspace invitation")
        verbose_name_plural = _("workspace invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.workspace}"
