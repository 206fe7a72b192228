"""The portal's user: logs in by email and carries the profile delegates fill in once."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from portal.translated import site_language_choices


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractUser):
    username = None
    email = models.EmailField(_("email address"), unique=True)
    country = CountryField(_("country"), blank=True)
    organisation = models.CharField(
        _("organisation or bureau"),
        max_length=200,
        blank=True,
        help_text=_("For example: NCB Ottawa, or National Police Directorate."),
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    # Country quotas count the country a delegate registers for: once staff's invitation gave it,
    # or a first registration used it, the person no longer changes it (staff still can, through
    # the registration service, which moves the seats).
    country_fixed_at = models.DateTimeField(_("country fixed at"), null=True, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=site_language_choices,
        default="en",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        # Clearance is a permission like any other (portal.audiences): groups hold it, the admin's
        # group screen grants it, and ``has_perm`` answers for it.
        permissions = [
            ("see_delegates_material", _("Can see material reserved for delegates")),
            ("see_law_enforcement_material", _("Can see material reserved for law-enforcement officers")),
            ("see_staff_material", _("Can see material reserved for secretariat staff")),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    # The one gate in front of every permission check (views, API, admin, templates' ``perms``):
    # a staff account that has not passed its second factor in this session holds none.
    def has_perm(self, perm, obj=None) -> bool:
        from portal.audiences import staff_withheld

        return not staff_withheld(self) and super().has_perm(perm, obj)

    def has_module_perms(self, app_label) -> bool:
        from portal.audiences import staff_withheld

        return not staff_withheld(self) and super().has_module_perms(app_label)
