"""Admin views of the pages app: the translation editor's save-as-draft and submit buttons, and
wagtail-localize's sync view without its way round moderation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page
from wagtail_localize.models import Translation
from wagtail_localize.views.update_translations import UpdateTranslationsView

from .translations import TranslationNotSubmitted, translation_save_draft, translation_submit


@require_POST
def translation_action(request, translation_id: int):
    translation = get_object_or_404(Translation, pk=translation_id)
    page = translation.get_target_instance()
    action = request.POST.get("action")
    if action not in ("save", "submit"):
        messages.error(request, _("Choose “Save draft” or “Submit for moderation”."))
    else:
        try:
            if action == "save":
                translation_save_draft(translation=translation, by=request.user)
                messages.success(request, _("The translation is saved as a draft."))
            else:
                translation_submit(translation=translation, by=request.user)
                messages.success(request, _("The translation is submitted for moderation."))
        except TranslationNotSubmitted as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            messages.error(
                request, _("The translation could not be saved: %(errors)s") % {"errors": " ".join(exc.messages)}
            )
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))


class GuardedUpdateTranslationsView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages", without its publish bypass.

    Its "Publish immediately" box published every translation for anyone allowed to sync, editors
    included, skipping the moderation workflow. Here it is offered only to people who may publish
    the page; others bring translations up to date as drafts and submit them as usual.
    """

    def get_form(self):
        form = super().get_form()
        source = self.object.get_source_instance()
        may_publish = not isinstance(source, Page) or source.permissions_for_user(self.request.user).can_publish()
        if not may_publish:
            field = form.fields["publish_translations"]
            field.disabled = True
            field.help_text = _("Only moderators can publish; submit the updated translations for moderation.")
        return form
