"""The editors' answer to a guest story: accept (published, its author credited), ask for
changes with a note, or decline with a note. Each answer is audited and the authors are told
by e-mail once the answer is saved."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from planet.moderation.models import AuditLog
from planet.stories.models import Story, StoryStatus

OUTCOMES = {
    "accept": StoryStatus.PUBLISHED,
    "changes": StoryStatus.CHANGES_REQUESTED,
    "decline": StoryStatus.DECLINED,
}


def decide(story: Story, decision: str, *, by, note: str = "") -> bool:
    """Record the decision on a submitted story; False when it was no longer waiting."""
    outcome = OUTCOMES[decision]
    with transaction.atomic():
        # Locked and saved (not updated in bulk): the search index follows the save.
        waiting = Story.objects.select_for_update().filter(pk=story.pk)
        locked = waiting.filter(status=StoryStatus.SUBMITTED).first()
        if locked is None:
            return False
        now = timezone.now()
        locked.status, locked.editor_note = outcome, note
        locked.reviewed_by, locked.reviewed_at = by, now
        if outcome == StoryStatus.PUBLISHED:
            locked.published_at = locked.published_at or now
        locked.save(
            update_fields=[
                "status",
                "editor_note",
                "reviewed_by",
                "reviewed_at",
                "published_at",
                "updated_at",
            ]
        )
        story.refresh_from_db()
        AuditLog.record(by, f"story.{decision}", story, reason=note)
        _tell_authors(story)
    return True


def _tell_authors(story: Story) -> None:
    recipients = [person.email for person in story.authors.all() if person.is_active]
    if not recipients:
        return
    context = {
        "story": story,
        "accepted": story.status == StoryStatus.PUBLISHED,
        "changes": story.status == StoryStatus.CHANGES_REQUESTED,
        "story_url": settings.SITE_URL + story.get_absolute_url(),
        "edit_url": settings.SITE_URL + reverse("stories:edit", args=[story.slug]),
        "mine_url": settings.SITE_URL + reverse("stories:mine"),
    }
    subject = render_to_string("stories/email/decision_subject.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    body = render_to_string("stories/email/decision.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, recipients))
