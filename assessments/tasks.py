from django_tasks import task


@task()
def send_invitation(invitation_id: int) -> bool:
    """Mail a workspace invitation in the inviter's language (the admin can copy the link from
    the members page too, so a mail that fails loses nothing)."""
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation

    from portal.mail import portal_email
    from portal.site_url import current_site_url

    from .models import WorkspaceInvitation

    invitation = WorkspaceInvitation.objects.select_related("workspace", "invited_by").filter(pk=invitation_id).first()
    if invitation is None or invitation.accepted_at:
        return False
    language = getattr(invitation.invited_by, "preferred_language", "") or "en"
    site = current_site_url()
    with translation.override(language):
        link = site + reverse("assessments:invitation", args=[invitation.token])
        context = {"invitation": invitation, "link": link}
        subject = render_to_string("assessments/email/invitation_subject.txt", context)
        text = render_to_string("assessments/email/invitation.txt", context)
        portal_email(subject=subject, text=text, to=[invitation.email], language=language, site_url=site).send()
    return True
