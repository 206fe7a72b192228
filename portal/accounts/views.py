from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.audiences import AUDIENCE_EXPLANATIONS, clearance_for

from .forms import ProfileForm
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
