"""Stories and news: articles written by the editors, and guest stories that any member
submits and the editors accept, send back with a note, or decline.

Who sees a story is decided in one place, `StoryQuerySet.visible_to`: published stories that
the moderators have not hidden for everybody, their own stories for authors (hidden ones with
the moderators' note), every story that is not hidden for editors, and everything for curators.
"""

import secrets

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planet.lib.images import COVER_THUMBNAIL, ThumbnailedImageField
from planet.lib.slugs import new_slug
from planet.moderation.hiding import Hideable, HideableQuerySet

# First parts of /stories/ addresses that a story's slug must not take.
RESERVED_SLUGS = {"new", "submit", "mine", "review", "editors", "feed", "kind", "sdg"}


class StoryKind(models.TextChoices):
    NEWS = "news", _("News")
    ESSAY = "essay", _("Essay")
    UPDATE = "update", _("Development update")
    GUEST = "guest", _("Guest story")


class StoryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the editors")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Declined")


# schema.org type of each kind of story
SCHEMA_TYPES = {
    StoryKind.NEWS: "NewsArticle",
    StoryKind.ESSAY: "Article",
    StoryKind.UPDATE: "BlogPosting",
    StoryKind.GUEST: "Article",
}
# What an author may still change: anything the editors have not decided on for good.
AUTHOR_EDITABLE = (StoryStatus.DRAFT, StoryStatus.SUBMITTED, StoryStatus.CHANGES_REQUESTED)


class StoryEditor(models.Model):
    """A member given the site-wide role of story editor by a curator (curators are editors
    anyway)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="story_editor"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("story editor")
        verbose_name_plural = _("story editors")

    def __str__(self):
        return str(self.user)


def is_story_editor(user) -> bool:
    """Curators and members given the editor role (remembered on the user for the request)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_curator:
        return True
    if not hasattr(user, "_is_story_editor"):
        user._is_story_editor = StoryEditor.objects.filter(user=user).exists()
    return user._is_story_editor


class StoryQuerySet(HideableQuerySet):
    def published(self):
        return self.filter(status=StoryStatus.PUBLISHED)

    def authored_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(self._own(user))

    @staticmethod
    def _own(user) -> Q:
        wrote = Story.authors.through.objects.filter(story=OuterRef("pk"), user=user)
        return Q(Exists(wrote)) | Q(created_by=user)

    def visible_to(self, user):
        """The one place that decides who sees which story."""
        if not user.is_authenticated:
            return self.published().not_hidden()
        if user.is_curator:
            return self
        if is_story_editor(user):
            return self.filter(Q(hidden_at=None) | self._own(user))
        return self.filter(Q(status=StoryStatus.PUBLISHED, hidden_at=None) | self._own(user))

    def of_kind(self, kind):
        return self.filter(kind=kind)

    def for_goal(self, goal):
        tagged = Story.goals.through.objects.filter(story=OuterRef("pk"), goal=goal)
        return self.filter(Exists(tagged))

    def newest_first(self):
        return self.order_by(models.F("published_at").desc(nulls_last=True), "-created_at", "-pk")

    def awaiting_review(self):
        return self.filter(status=StoryStatus.SUBMITTED).order_by("submitted_at", "pk")

    def for_cards(self):
        """What a story card or a feed item shows, in a fixed number of queries."""
        from django.contrib.auth import get_user_model

        people = get_user_model().objects.select_related("profile").order_by("pk")
        return self.prefetch_related(Prefetch("authors", queryset=people), "goals")


def cover_path(story, filename):
    return f"stories/{story.slug}-{secrets.token_hex(6)}.webp"


class Story(Hideable):
    kind = models.CharField(_("kind"), max_length=10, choices=StoryKind, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.CharField(_("summary"), max_length=300)
    body = models.TextField(_("text"), max_length=50000)
    content_language = models.CharField(_("language of the story"), max_length=8, default="en")
    cover = ThumbnailedImageField(
        _("cover image"), upload_to=cover_path, blank=True, thumbnail=COVER_THUMBNAIL
    )
    cover_alt = models.CharField(_("description of the cover image"), max_length=200, blank=True)
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("authors"), related_name="stories"
    )
    goals = models.ManyToManyField(
        "sdgs.Goal", verbose_name=_("SDGs"), blank=True, related_name="stories"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=StoryStatus, default=StoryStatus.DRAFT, db_index=True
    )
    editor_note = models.TextField(_("note from the editors"), max_length=2000, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "-published_at"])]
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = new_slug(Story, self.title, reserved=RESERVED_SLUGS, noun="story")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("stories:detail", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.status == StoryStatus.PUBLISHED

    @property
    def author_list(self) -> list:
        """The authors, the one who wrote it first (prefetched on lists and pages)."""
        authors = list(self.authors.all())
        return sorted(authors, key=lambda person: person.pk != self.created_by_id)

    @property
    def first_author(self):
        authors = self.author_list
        return authors[0] if authors else self.created_by

    def is_author(self, user) -> bool:
        if not user.is_authenticated:
            return False
        return self.created_by_id == user.pk or any(a.pk == user.pk for a in self.authors.all())

    def may_edit(self, user) -> bool:
        if is_story_editor(user):
            return True
        return self.is_author(user) and self.status in AUTHOR_EDITABLE

    # The life of a story -------------------------------------------------------------------

    def publish(self, *, by) -> None:
        """An editor publishes directly (their own story, or a guest story they accept)."""
        from planet.moderation.models import AuditLog

        with transaction.atomic():
            self.status = StoryStatus.PUBLISHED
            self.published_at = self.published_at or timezone.now()
            self.save(update_fields=["status", "published_at", "updated_at"])
            AuditLog.record(by, "story.publish", self)

    def unpublish(self, *, by) -> None:
        from planet.moderation.models import AuditLog

        with transaction.atomic():
            self.status = StoryStatus.DRAFT
            self.save(update_fields=["status", "updated_at"])
            AuditLog.record(by, "story.unpublish", self)

    def submit(self) -> bool:
        """The author sends the story to the editors; False when it is not theirs to send."""
        updated = Story.objects.filter(
            pk=self.pk, status__in=(StoryStatus.DRAFT, StoryStatus.CHANGES_REQUESTED)
        ).update(status=StoryStatus.SUBMITTED, submitted_at=timezone.now())
        if updated:
            self.refresh_from_db(fields=["status", "submitted_at"])
        return bool(updated)
