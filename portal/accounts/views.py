from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.audiences import AUDIENCE_EXPLANATIONS, clearance_for

from .forms import AccountDeleteForm, ProfileForm
from .personal_data import account_delete, personal_data_export
from .services import user_update_profile


@login_required
def profile(request):
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=request.user)
        if form.is_valid():
            user_update_profile(user=request.user, data=form.cleaned_data)
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts_profile")
    else:
        form = ProfileForm(instance=request.user)
    clearance = clearance_for(request.user)
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "clearance": clearance, "clearance_text": AUDIENCE_EXPLANATIONS[clearance]},
    )


@login_required
def personal_data(request):
    """All the portal holds about the signed-in person, as a JSON download."""
    data = personal_data_export(request.user, request=request)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="liaison-personal-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        account_delete(request.user, request=request)
        logout(request)
        messages.success(request, _("Your account has been deleted and your registrations anonymised."))
        return redirect("/")
    return render(request, "accounts/delete.html", {"form": form})


def admin_login(request):
    """Wagtail's own login view is never used: everyone signs in through allauth (verified
    email, rate limits, second factor). ``next`` is kept when it points at this site."""
    return _to_allauth(request, "account_login")


def admin_password_reset(request, *args, **kwargs):
    """Wagtail's password-reset views hand over to allauth's."""
    return _to_allauth(request, "account_reset_password")


def _to_allauth(request, url_name: str):
    target = reverse(url_name)
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target += "?" + urlencode({"next": next_url})
    return redirect(target)
