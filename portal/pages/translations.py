"""Translations made in wagtail-localize, finished through the same moderation workflow as any page.

wagtail-localize's editor saves each string as it is typed, but writes a revision of the
translated page only when someone with publish rights presses Publish: an editor had no way to
hand a translation over, and a moderator published whatever was there. These functions add the
missing steps — save the translation as a draft revision, submit it to the page's workflow —
and say how far it has got and whether its source has changed since. (Written by hand: neither
wagtail-localize nor Wagtail offers a workflow step for synced translations.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Exists, OuterRef
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation


class TranslationNotSubmitted(Exception):
    """The translation could not go to moderation; the message says why."""


@dataclass
class TranslationState:
    total: int
    translated: int
    missing: list[tuple[str, str]] = field(default_factory=list)  # (field, source text), in page order
    source_changed: bool = False
    in_moderation: bool = False

    @property
    def complete(self) -> bool:
        return self.translated == self.total


def translation_state(translation: Translation) -> TranslationState:
    """What is translated and what is not, and whether the source moved on since it was synced."""
    segments = (
        StringSegment.objects.filter(source_id=translation.source_id)
        .select_related("string", "context")
        .annotate(
            done=Exists(
                StringTranslation.objects.filter(
                    translation_of_id=OuterRef("string_id"),
                    context_id=OuterRef("context_id"),
                    locale_id=translation.target_locale_id,
                    has_error=False,
                )
            )
        )
        .order_by("order")
    )
    source = translation.source.get_source_instance()
    missing = [(_field_label(source, s.context.path), s.string.data[:120]) for s in segments if not s.done]
    total = len(segments)
    changed_at = getattr(source, "latest_revision_created_at", None)
    target = translation.get_target_instance()
    return TranslationState(
        total=total,
        translated=total - len(missing),
        missing=missing,
        source_changed=bool(changed_at and changed_at > translation.source.last_updated_at),
        in_moderation=isinstance(target, Page) and target.workflow_in_progress,
    )


def _field_label(instance, path: str) -> str:
    """The editor's name for the field a string belongs to ("Title", "Body"), not its path."""
    name = path.split(".")[0]
    try:
        return capfirst(instance._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _target_page(translation: Translation, by) -> Page:
    page = translation.get_target_instance()
    if not isinstance(page, Page) or not page.permissions_for_user(by).can_edit():
        raise PermissionDenied
    return page


def translation_save_draft(*, translation: Translation, by):
    """Write what has been translated so far as a draft revision of the translated page."""
    _target_page(translation, by)
    translation.save_target(user=by, publish=False)
    return Page.objects.get(pk=translation.get_target_instance().pk).specific.latest_revision


def translation_submit(*, translation: Translation, by):
    """Save a draft revision and send it into the page's moderation workflow (or back into it,
    after a moderator asked for changes)."""
    page = _target_page(translation, by)
    if not page.permissions_for_user(by).can_submit_for_moderation():
        raise TranslationNotSubmitted(_("This page has no moderation workflow, or you may not submit it."))
    workflow = page.get_workflow()
    if workflow is None:
        raise TranslationNotSubmitted(_("This page has no moderation workflow, or you may not submit it."))
    translation_save_draft(translation=translation, by=by)
    page = Page.objects.get(pk=page.pk).specific
    state = page.current_workflow_state
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        state.resume(by)
        return page.current_workflow_state
    if state is not None:
        return state  # already awaiting review: the new revision is what the moderator will see
    return workflow.start(page, by)
