"""Events and the Festival of Learning: local events in their own time zone, registration with
capacity and a waiting list, festival editions that gather proposed local events.

Times are stored in UTC; `Event.timezone` is the zone the event happens in, in which its
organiser enters the times and which every page states next to the viewer's own.
"""

import secrets
import zoneinfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from planet.lib.slugs import new_slug
from planet.lib.zoned_time import validate_timezone
from planet.moderation.hiding import Hideable, HideableQuerySet

RESERVED_SLUGS = {"new", "mine", "calendar", "feeds"}  # first parts of /events/ addresses


class EventKind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    TALK = "talk", _("Talk")
    CELEBRATION = "celebration", _("Celebration")
    HACKATHON = "hackathon", _("Hackathon")
    EXHIBITION = "exhibition", _("Exhibition")
    OTHER = "other", _("Other")


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class FestivalReview(models.TextChoices):
    """Where an event proposed to a festival edition stands with the festival curators."""

    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


PUBLIC_STATUSES = (EventStatus.PUBLISHED, EventStatus.CANCELLED)


class FestivalQuerySet(models.QuerySet):
    def current_or_next(self, today=None):
        """The edition running today, else the next one, else the most recent past one."""
        today = today or timezone.localdate()
        upcoming = self.filter(ends_on__gte=today).order_by("starts_on").first()
        return upcoming or self.order_by("-starts_on").first()


class Festival(models.Model):
    """One yearly edition of the Festival of Learning (around 24 January)."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.CharField(_("one-line summary"), max_length=240, blank=True)
    description = models.TextField(_("description"), max_length=20000, blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    proposals_open = models.BooleanField(_("open to proposals of local events"), default=True)
    curators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("festival curators"),
        blank=True,
        related_name="curated_festivals",
        help_text=_("Besides the site's curators, who approves local events for this edition."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FestivalQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("festival edition")
        verbose_name_plural = _("festival editions")
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__lte=models.F("ends_on")), name="festival_days_in_order"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = new_slug(Festival, self.name, reserved={"new"}, noun="festival")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("festival:edition", args=[self.slug])

    def is_curated_by(self, user) -> bool:
        """Festival curators: the site's curators and the edition's own team."""
        if not user.is_authenticated:
            return False
        return user.is_curator or self.curators.filter(pk=user.pk).exists()


class EventQuerySet(HideableQuerySet):
    def public(self):
        """Published events and cancelled ones (which stay readable, marked cancelled), minus
        those the moderators hid."""
        return self.filter(status__in=PUBLIC_STATUSES, hidden_at=None)

    def published(self):
        return self.filter(status=EventStatus.PUBLISHED, hidden_at=None)

    def organised_by(self, user):
        """Events `user` may change: created by them, or of an organisation they administer
        or edit. Curators may change every event."""
        if not user.is_authenticated:
            return self.none()
        if user.is_curator:
            return self
        from planet.orgs.models import Membership, Role

        runs_org = Membership.objects.filter(
            organisation=OuterRef("organisation"), user=user, role__in=(Role.ADMIN, Role.EDITOR)
        )
        return self.filter(Q(created_by=user) | Q(Exists(runs_org)))

    def visible_to(self, user):
        """The one place that decides who sees which event: published and cancelled events
        for everybody, drafts for their organisers and curators. (Whether an event is part of
        a festival's programme is a separate question: `in_festival`.)"""
        if not user.is_authenticated:
            return self.public()
        if user.is_curator:
            return self
        return self.filter(
            Q(status__in=PUBLIC_STATUSES, hidden_at=None) | Q(pk__in=self.organised_by(user))
        )

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def in_festival(self, festival):
        return self.filter(festival=festival, festival_review=FestivalReview.APPROVED)

    def with_counts(self):
        """Annotated with `confirmed_count` and `waiting_count`."""
        return self.annotate(
            confirmed_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            ),
            waiting_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
            ),
        )


class Event(Hideable):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.CharField(_("one-line summary"), max_length=240)
    description = models.TextField(_("description"), max_length=20000, blank=True)
    content_language = models.CharField(
        _("language of the title and description"), max_length=8, default="en"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind, db_index=True)
    format = models.CharField(_("format"), max_length=10, choices=EventFormat, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EventStatus,
        default=EventStatus.PUBLISHED,
        db_index=True,
    )

    # When, in the event's own zone (stored in UTC).
    timezone = models.CharField(
        _("time zone of the event"), max_length=64, default="UTC", validators=[validate_timezone]
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"), db_index=True)

    # Where: a place and/or an online link (shown only to registered people).
    place_name = models.CharField(_("place"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    country = CountryField(_("country"), blank=True, db_index=True)
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    online_url = models.URLField(_("online link"), max_length=500, blank=True)

    # Who and for whom.
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    goals = models.ManyToManyField(
        "sdgs.Goal", verbose_name=_("SDGs"), blank=True, related_name="events"
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    audience = models.JSONField(_("audience"), default=list, blank=True)  # projects.AgeGroup

    # Registration.
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(1_000_000)],
        help_text=_("Leave empty for no limit."),
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)

    # Festival edition this event is proposed to, and the curators' answer.
    festival = models.ForeignKey(
        Festival, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    festival_review = models.CharField(
        max_length=10, choices=FestivalReview, blank=True, db_index=True
    )
    festival_note = models.CharField(_("note to the organiser"), max_length=1000, blank=True)
    festival_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    festival_reviewed_at = models.DateTimeField(null=True, blank=True)

    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancellation_note = models.CharField(_("why it is cancelled"), max_length=1000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["status", "starts_at"]),
            models.Index(fields=["festival", "festival_review", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__lt=models.F("ends_at")), name="event_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=Q(capacity=None) | Q(capacity__gte=1), name="event_capacity_positive"
            ),
            models.CheckConstraint(
                condition=Q(latitude=None) | Q(latitude__gte=-90, latitude__lte=90),
                name="event_latitude_in_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude=None) | Q(longitude__gte=-180, longitude__lte=180),
                name="event_longitude_in_range",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = new_slug(Event, self.title, reserved=RESERVED_SLUGS, noun="event")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.slug])

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def has_place(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    def is_past(self, now=None) -> bool:
        return self.starts_at <= (now or timezone.now())

    def registration_is_open(self, now=None) -> bool:
        """Published, not started, inside the registration window when one is set."""
        now = now or timezone.now()
        if self.status != EventStatus.PUBLISHED or self.is_past(now):
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return not (self.registration_closes_at and now >= self.registration_closes_at)


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waiting(self):
        """The waiting list, first come first served."""
        return self.filter(status=RegistrationStatus.WAITING).order_by("queued_at", "pk")

    def active(self):
        return self.exclude(status=RegistrationStatus.CANCELLED)


class Registration(models.Model):
    """One person's place (or place in the queue) at an event; one row per person and event,
    reused when they register again after cancelling (they then join the back of the queue)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(max_length=10, choices=RegistrationStatus, db_index=True)
    queued_at = models.DateTimeField(default=timezone.now)  # order of the waiting list
    created_at = models.DateTimeField(auto_now_add=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    told_of_cancellation_at = models.DateTimeField(null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_person")
        ]
        indexes = [models.Index(fields=["event", "status", "queued_at"])]

    def __str__(self):
        return f"{self.user} · {self.event} ({self.status})"


class AttendeeMessage(models.Model):
    """A message an organiser sent to the people registered for an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="messages")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), max_length=10000)
    recipients = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self):
        return self.subject


class CalendarFeed(models.Model):
    """The secret address of a person's own calendar of registrations (resettable)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.user}'s calendar"

    @classmethod
    def for_user(cls, user) -> "CalendarFeed":
        feed, _created = cls.objects.get_or_create(
            user=user, defaults={"token": secrets.token_urlsafe(32)}
        )
        return feed

    def reset(self) -> None:
        self.token = secrets.token_urlsafe(32)
        self.save(update_fields=["token"])

    def get_absolute_url(self):
        return reverse("events:personal_calendar", args=[self.token])
