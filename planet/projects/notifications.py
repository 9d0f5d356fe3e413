"""E-mails to a project's team. Sent after the transaction commits."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

SUBJECTS = {
    "submit": _("“%(title)s” was submitted for curation"),
    "publish": _("“%(title)s” is published"),
    "return": _("“%(title)s” was returned with feedback"),
    "feature": _("“%(title)s” is featured on LearningPlanet"),
    "unfeature": _("“%(title)s” is no longer featured"),
    "archive": _("“%(title)s” is archived"),
    "unarchive": _("“%(title)s” is published again"),
}


def team_addresses(project) -> list[str]:
    return list(project.team.values_list("user__email", flat=True))


def notify_team_of_transition(project, action: str, actor, note: str) -> None:
    recipients = team_addresses(project)
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + SUBJECTS[action] % {
            "title": project.title
        }
        body = render_to_string(
            "projects/email/transition.txt",
            {
                "project": project,
                "action": action,
                "actor": actor,
                "note": note,
                "url": settings.SITE_URL + project.get_absolute_url(),
            },
        )
    send_mass_mail([(subject, body, None, [address]) for address in recipients])


def notify_team(project, subject: str, template: str, context: dict) -> None:
    recipients = team_addresses(project)
    if not recipients:
        return
    body = render_to_string(
        template,
        {"project": project, "url": settings.SITE_URL + project.get_absolute_url(), **context},
    )
    full_subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject
    send_mass_mail([(full_subject, body, None, [address]) for address in recipients])
