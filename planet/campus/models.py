"""The Open Campus: a catalogue of digital solutions and learning resources, which
organisations say they use and members review, and learning opportunities on the map.

Members propose resources; curators publish or decline them (with a note, told by e-mail).
Learning opportunities follow the same flow, except that the admins and editors of the
organisation offering one (and curators) publish it directly.

Who sees what is decided by `visible_to(user)` on each queryset: published items that are not
hidden for everybody, everything for curators, and their own proposals (even declined or
hidden, shown with a banner) for those who proposed them. Lists add `.listed()`: published and
not hidden, whoever looks, so that hiding removes an item from every list in one step.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Avg, Count, F, FloatField, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from planet.lib.slugs import new_slug
from planet.moderation.hiding import Hideable, HideableQuerySet

# First parts of /campus/ addresses, which a resource's slug must not take.
RESERVED_SLUGS = {"propose", "review", "opportunities", "mine", "new"}
RATING_MIN, RATING_MAX = 1, 5


class ResourceType(models.TextChoices):
    PLATFORM = "platform", _("Platform")
    TOOL = "tool", _("Tool")
    COURSE = "course", _("Course")
    TOOLKIT = "toolkit", _("Toolkit")
    BOOK = "book", _("Book")
    REPORT = "report", _("Report")
    VIDEO = "video", _("Video")
    DATASET = "dataset", _("Dataset")


class Audience(models.TextChoices):
    LEARNERS = "learners", _("Learners")
    YOUTH = "youth", _("Young people")
    TEACHERS = "teachers", _("Teachers")
    SCHOOLS = "schools", _("Schools")
    UNIVERSITIES = "universities", _("Universities")
    CITIES = "cities", _("Cities and territories")
    ORGANISATIONS = "organisations", _("Organisations")
    FAMILIES = "families", _("Families")
    POLICY_MAKERS = "policy_makers", _("Policy makers")


class Licence(models.TextChoices):
    CC_BY = "cc-by", _("CC BY")
    CC_BY_SA = "cc-by-sa", _("CC BY-SA")
    CC_BY_NC = "cc-by-nc", _("CC BY-NC")
    CC0 = "cc0", _("CC0 (public domain)")
    OPEN_SOURCE = "open-source", _("Open-source licence")
    PROPRIETARY = "proprietary", _("Proprietary")
    OTHER = "other", _("Other")


class Cost(models.TextChoices):
    FREE = "free", _("Free")
    FREEMIUM = "freemium", _("Freemium")
    PAID = "paid", _("Paid")


class Status(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Declined")


class OpportunityKind(models.TextChoices):
    COURSE = "course", _("Course")
    INTERNSHIP = "internship", _("Internship")
    VOLUNTEERING = "volunteering", _("Volunteering")
    WORKSHOP = "workshop", _("Workshop")


class CampusQuerySet(HideableQuerySet):
    """What resources and learning opportunities share: the proposal flow and visibility."""

    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def proposed(self):
        return self.filter(status=Status.PROPOSED)

    def listed(self):
        """What lists, feeds, search and the map show: published and not hidden."""
        return self.published().not_hidden()

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.listed()
        if user.is_curator:
            return self
        return self.filter(Q(status=Status.PUBLISHED, hidden_at=None) | Q(proposed_by=user))


class Proposal(Hideable):
    """The fields of an entry members propose and curators decide on."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.CharField(_("one-line summary"), max_length=240)
    description = models.TextField(_("description"), max_length=20000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PROPOSED, db_index=True
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("note to the proposer"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            model = type(self)
            self.slug = new_slug(model, self.title, reserved=RESERVED_SLUGS, noun=model.SLUG_SUFFIX)
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    def decide(self, *, publish: bool, by, note: str = "") -> bool:
        """Publish or decline a proposal, once (under a row lock): False if it was already
        decided. Saved with `save()`, so that the search index follows."""
        model = type(self)
        with transaction.atomic():
            current = model.objects.select_for_update().filter(pk=self.pk).first()
            if current is None or current.status != Status.PROPOSED:
                return False
            now = timezone.now()
            self.status = Status.PUBLISHED if publish else Status.DECLINED
            self.decided_by, self.decided_at, self.decision_note = by, now, note
            self.published_at = now if publish else None
            self.save()
        return True


# Resources ---------------------------------------------------------------------------------


class ResourceQuerySet(CampusQuerySet):
    def with_figures(self):
        """Annotated with `use_count` (organisations using it), `review_count` and
        `rating_mean` (of reviews not hidden; None when unrated), one subquery each, so
        that a list costs the same whatever its length."""
        uses = (
            ResourceUse.objects.filter(resource=OuterRef("pk"))
            .order_by()
            .values("resource")
            .annotate(n=Count("pk"))
            .values("n")
        )
        reviews = (
            ResourceReview.objects.not_hidden()
            .filter(resource=OuterRef("pk"))
            .order_by()
            .values("resource")
        )
        return self.annotate(
            use_count=Coalesce(Subquery(uses, output_field=IntegerField()), 0),
            review_count=Coalesce(
                Subquery(reviews.annotate(n=Count("pk")).values("n"), output_field=IntegerField()),
                0,
            ),
            rating_mean=Subquery(
                reviews.annotate(mean=Avg("rating")).values("mean"), output_field=FloatField()
            ),
        )

    def by_usage(self):
        return self.order_by(
            "-use_count", F("rating_mean").desc(nulls_last=True), "-review_count", "-pk"
        )

    def by_rating(self):
        """Best rated first, more reviews first among equals, unrated last."""
        return self.order_by(
            F("rating_mean").desc(nulls_last=True), "-review_count", "-use_count", "-pk"
        )

    def newest(self):
        return self.order_by(F("published_at").desc(nulls_last=True), "-pk")


class Resource(Proposal):
    """A digital solution or learning resource that helps learning collectives act on the
    SDGs."""

    SLUG_SUFFIX = "resource"

    type = models.CharField(_("type"), max_length=12, choices=ResourceType, db_index=True)
    link = models.URLField(_("link"), max_length=500)
    audience = models.JSONField(_("audience"), default=list, blank=True)  # Audience codes
    languages = models.JSONField(_("languages"), default=list, blank=True)  # ISO 639-1
    licence = models.CharField(_("licence"), max_length=12, choices=Licence, db_index=True)
    cost = models.CharField(_("cost"), max_length=10, choices=Cost, db_index=True)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("organisation behind it"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campus_resources",
    )
    goals = models.ManyToManyField(
        "sdgs.Goal", verbose_name=_("SDGs"), blank=True, related_name="campus_resources"
    )

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def get_absolute_url(self):
        return reverse("campus:resource", args=[self.slug])

    def audience_labels(self) -> list[str]:
        return [Audience(code).label for code in self.audience if code in Audience.values]


class ResourceUse(models.Model):
    """An organisation says it uses a resource (declared by one of its members)."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="uses")
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="campus_uses"
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "organisation"], name="campus_one_use_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} uses {self.resource}"


class ReviewQuerySet(HideableQuerySet):
    def visible_to(self, user):
        """Reviews not hidden; curators see all, authors their own hidden ones."""
        if not user.is_authenticated:
            return self.not_hidden()
        if user.is_curator:
            return self
        return self.filter(Q(hidden_at=None) | Q(author=user))


class ResourceReview(Hideable):
    """One member's short review of a resource, with a rating from 1 to 5."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="reviews")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="campus_reviews"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(RATING_MIN), MaxValueValidator(RATING_MAX)]
    )
    text = models.TextField(_("review"), max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("resource review")
        verbose_name_plural = _("resource reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "author"], name="campus_one_review_per_member"
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=RATING_MIN, rating__lte=RATING_MAX),
                name="campus_rating_from_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.rating}/5 · {self.resource}"

    def get_absolute_url(self):
        return f"{self.resource.get_absolute_url()}#review-{self.pk}"


# Learning opportunities --------------------------------------------------------------------


class OpportunityQuerySet(CampusQuerySet):
    def current(self, today=None):
        """Not over yet: no end date, or ending today or later."""
        today = today or timezone.localdate()
        return self.filter(Q(ends_on=None) | Q(ends_on__gte=today))

    def located(self):
        return self.filter(latitude__isnull=False, longitude__isnull=False)


class LearningOpportunity(Proposal):
    """A course, internship, volunteering or workshop, at a place and/or online, with dates."""

    SLUG_SUFFIX = "opportunity"

    kind = models.CharField(_("kind"), max_length=12, choices=OpportunityKind, db_index=True)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("offered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="learning_opportunities",
    )
    place_name = models.CharField(_("place"), max_length=200, blank=True)
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
    online = models.BooleanField(_("online"), default=False)
    starts_on = models.DateField(_("starts"), db_index=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    application_url = models.URLField(_("how to apply"), max_length=500, blank=True)
    goals = models.ManyToManyField(
        "sdgs.Goal", verbose_name=_("SDGs"), blank=True, related_name="learning_opportunities"
    )

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("learning opportunity")
        verbose_name_plural = _("learning opportunities")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on=None) | Q(ends_on__gte=F("starts_on")),
                name="campus_opportunity_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(latitude=None, longitude=None)
                | Q(
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="campus_opportunity_place_in_range",
            ),
        ]

    def get_absolute_url(self):
        return reverse("campus:opportunity", args=[self.slug])

    @property
    def has_place(self) -> bool:
        return self.latitude is not None and self.longitude is not None
