import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from planet.lib.images import COVER_THUMBNAIL, ThumbnailedImageField
from planet.lib.invitations import InvitationBase
from planet.lib.jsonld import sdg_terms
from planet.lib.slugs import unique_slug
from planet.moderation.hiding import Hideable, HideableQuerySet


class Kind(models.TextChoices):
    PROGRAM = "program", _("Program")
    SOCIAL_EXPERIMENT = "social_experiment", _("Social experiment")
    INITIATIVE = "initiative", _("Initiative")
    STUDY = "study", _("Feasibility study")
    TOOL = "tool", _("Tool")
    CAMPAIGN = "campaign", _("Campaign")


class Stage(models.TextChoices):
    IDEA = "idea", _("Idea")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for curation")
    RETURNED = "returned", _("Returned with feedback")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


PUBLIC_STATUSES = (Status.PUBLISHED, Status.ARCHIVED)


class AgeGroup(models.TextChoices):
    EARLY = "early", _("Early childhood (0-5)")
    PRIMARY = "primary", _("Children (6-11)")
    SECONDARY = "secondary", _("Teenagers (12-17)")
    YOUTH = "youth", _("Young adults (18-24)")
    ADULTS = "adults", _("Adults (25+)")
    ALL = "all", _("All ages")


class TeamRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    EDITOR = "editor", _("Editor")
    MEMBER = "member", _("Member")


class ProjectQuerySet(HideableQuerySet):
    def public(self):
        """Published and archived projects, minus those the moderators hid."""
        return self.filter(status__in=PUBLIC_STATUSES, hidden_at=None)

    def published(self):
        return self.filter(status=Status.PUBLISHED, hidden_at=None)

    def featured(self):
        return self.published().exclude(featured_at=None).order_by("-featured_at")

    def visible_to(self, user):
        """The one place that decides who sees which project."""
        if user.is_authenticated and user.is_curator:
            return self
        if not user.is_authenticated:
            return self.public()
        on_team = ProjectMember.objects.filter(project=OuterRef("pk"), user=user)
        return self.filter(Q(status__in=PUBLIC_STATUSES, hidden_at=None) | Q(Exists(on_team)))

    def unpublished(self):
        return self.exclude(status__in=PUBLIC_STATUSES)

    def solely_owned_by(self, user):
        """Projects where `user` is the only owner, annotated with their team size."""
        owns = ProjectMember.objects.filter(user=user, role=TeamRole.OWNER)
        owners = models.Count("team", filter=Q(team__role=TeamRole.OWNER))
        return (
            self.filter(pk__in=owns.values("project"))
            .annotate(owner_total=owners, team_size=models.Count("team"))
            .filter(owner_total=1)
        )

    def awaiting_review(self):
        return self.filter(status=Status.SUBMITTED).order_by("submitted_at", "pk")

    def for_cards(self):
        """What a project card shows, in a fixed number of queries."""
        return self.prefetch_related("goals", "locations")

    def of_user(self, user):
        return self.filter(team__user=user)


def cover_path(project, filename):
    return f"covers/{project.slug}-{secrets.token_hex(6)}.webp"


class Project(Hideable):
    """A program, social experiment or initiative shared with the community and curated."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.CharField(_("one-line summary"), max_length=240)
    description = models.TextField(_("description"), max_length=30000, blank=True)
    content_language = models.CharField(
        _("language of the title and description"), max_length=8, default="en"
    )
    cover = ThumbnailedImageField(
        _("cover image"), upload_to=cover_path, blank=True, thumbnail=COVER_THUMBNAIL
    )
    cover_alt = models.CharField(_("description of the cover image"), max_length=200, blank=True)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage, db_index=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True, db_index=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, db_index=True
    )
    goals = models.ManyToManyField("sdgs.Goal", verbose_name=_("SDGs"), related_name="projects")
    targets = models.ManyToManyField(
        "sdgs.Target", verbose_name=_("SDG targets"), blank=True, related_name="projects"
    )
    age_groups = models.JSONField(_("age groups of the learners"), default=list, blank=True)
    links = models.JSONField(_("links"), default=list, blank=True)  # [{"label", "url"}]
    organisations = models.ManyToManyField(
        "orgs.Organisation", verbose_name=_("organisations"), blank=True, related_name="projects"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    featured_at = models.DateTimeField(null=True, blank=True, db_index=True)
    version = models.PositiveIntegerField(default=1)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        indexes = [models.Index(fields=["status", "-published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="project_ends_after_it_starts",
            )
        ]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:detail", args=[self.slug])

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Project, self.title, fallback=secrets.token_hex(4))
        super().save(*args, **kwargs)

    def rename(self, title: str) -> None:
        """Change the title; the address follows and the old one keeps redirecting."""
        if title == self.title:
            return
        self.title = title
        new_slug = unique_slug(Project, title, fallback=self.slug)
        if new_slug != self.slug and not new_slug.startswith(f"{self.slug}-"):
            ProjectSlug.objects.get_or_create(slug=self.slug, defaults={"project": self})
            self.slug = new_slug

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES and self.hidden_at is None

    @property
    def is_featured(self) -> bool:
        return self.featured_at is not None and self.status == Status.PUBLISHED

    def role_of(self, user) -> str | None:
        if not user.is_authenticated:
            return None
        for member in self.team.all():  # prefetched on detail pages
            if member.user_id == user.pk:
                return member.role
        return None

    def owner_count(self) -> int:
        return self.team.filter(role=TeamRole.OWNER).count()

    @transaction.atomic
    def set_goals_and_targets(self, goals, targets) -> None:
        """A target implies its goal."""
        goal_ids = {goal.pk for goal in goals} | {target.goal_id for target in targets}
        self.goals.set(goal_ids)
        self.targets.set(targets)

    # The life of a project. Each transition is audited and the team is told by e-mail.
    TRANSITIONS = {
        "submit": ({Status.DRAFT, Status.RETURNED}, Status.SUBMITTED),
        "publish": ({Status.SUBMITTED}, Status.PUBLISHED),
        "return": ({Status.SUBMITTED}, Status.RETURNED),
        "feature": ({Status.PUBLISHED}, Status.PUBLISHED),
        "unfeature": ({Status.PUBLISHED}, Status.PUBLISHED),
        "archive": ({Status.PUBLISHED}, Status.ARCHIVED),
        "unarchive": ({Status.ARCHIVED}, Status.PUBLISHED),
    }

    def can_transition(self, action: str) -> bool:
        sources, _target = self.TRANSITIONS[action]
        if action == "feature" and self.featured_at:
            return False
        if action == "unfeature" and not self.featured_at:
            return False
        return self.status in sources

    @transaction.atomic
    def transition(self, action: str, *, by, note: str = "") -> None:
        """Move the project along its life; raise ValueError when the move is not allowed."""
        from planet.moderation.models import AuditLog
        from planet.projects.notifications import notify_team_of_transition

        locked = Project.objects.select_for_update().get(pk=self.pk)
        if not locked.can_transition(action):
            raise ValueError(f"Cannot {action} a project that is {locked.get_status_display()}.")
        now = timezone.now()
        self.status = self.TRANSITIONS[action][1]
        if action == "submit":
            self.submitted_at = now
        elif action == "publish":
            self.published_at = self.published_at or now
        elif action == "feature":
            self.featured_at = now
        elif action in ("unfeature", "archive"):
            self.featured_at = None
        self.save(update_fields=["status", "submitted_at", "published_at", "featured_at"])
        AuditLog.record(by, f"project.{action}", self, reason=note)
        transaction.on_commit(lambda: notify_team_of_transition(self, action, by, note))

    def latest_feedback(self):
        """The curator's note when the project was last returned, for the team to read."""
        from planet.moderation.models import AuditLog

        return AuditLog.objects.for_target(self).filter(action="project.return").first()

    def json_ld(self) -> dict:
        """schema.org description of the project: a work that is described, dated and about
        SDGs (CreativeWork) and an enterprise with places and sponsors (Project)."""
        url = settings.SITE_URL + self.get_absolute_url()
        data = {
            "@context": "https://schema.org",
            "@type": ["CreativeWork", "Project"],
            "@id": url,
            "url": url,
            "name": self.title,
            "description": self.summary,
            "inLanguage": self.content_language,
            "dateCreated": self.created_at.isoformat(),
            "dateModified": self.updated_at.isoformat(),
            "keywords": [goal.short_names.get("en", "") for goal in self.goals.all()],
            "about": sdg_terms(self.goals.all(), self.targets.all()),
            "location": [
                {
                    "@type": "Place",
                    "name": location.place_name,
                    "address": {"@type": "PostalAddress", "addressCountry": location.country.code},
                    "geo": {
                        "@type": "GeoCoordinates",
                        "latitude": location.latitude,
                        "longitude": location.longitude,
                    },
                }
                for location in self.locations.all()
            ],
            "sponsor": [
                {
                    "@type": "Organization",
                    "name": organisation.name,
                    "url": settings.SITE_URL + organisation.get_absolute_url(),
                }
                for organisation in self.organisations.all()
            ],
        }
        if self.published_at:
            data["datePublished"] = self.published_at.isoformat()
        if self.cover:
            data["image"] = (
                self.cover.url
                if self.cover.url.startswith("http")
                else (settings.SITE_URL + self.cover.url)
            )
        return data

    def age_group_labels(self) -> list[str]:
        labels = dict(AgeGroup.choices)
        return [labels[code] for code in self.age_groups if code in labels]


class ProjectSlug(models.Model):
    """An earlier address of a project, kept so that old links redirect."""

    slug = models.SlugField(max_length=80, unique=True)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="old_slugs")

    def __str__(self):
        return self.slug


class ProjectLanguage(models.Model):
    """A language the project works in (a row each, so that lists can filter by it)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(max_length=8, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "code"], name="one_row_per_language")
        ]

    def __str__(self):
        return self.code


class ProjectLocation(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="locations")
    place_name = models.CharField(_("place name"), max_length=200)
    country = CountryField(_("country"), db_index=True)
    latitude = models.FloatField(
        _("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["latitude", "longitude"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90), name="latitude_in_range"
            ),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180, longitude__lte=180), name="longitude_in_range"
            ),
        ]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self):
        return f"{self.place_name} ({self.country.code})"


class ProjectMember(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_memberships"
    )
    role = models.CharField(_("role"), max_length=8, choices=TeamRole, default=TeamRole.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at"]
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="one_team_seat_per_user")
        ]

    def __str__(self):
        return f"{self.user} · {self.project} ({self.get_role_display()})"


class JoinRequest(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message = models.TextField(_("message"), max_length=1000, blank=True)
    state = models.CharField(max_length=8, choices=State, default=State.PENDING, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.user} → {self.project}"


class ProjectUpdate(models.Model):
    """A dated piece of news from the team."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=20000)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class CommentQuerySet(HideableQuerySet):
    def visible_to(self, user):
        """Comments the viewer may read: on projects they may see, minus those the moderators
        hid (curators see them all; authors still see their own, marked hidden)."""
        comments = self.filter(project__in=Project.objects.visible_to(user))
        if user.is_authenticated and user.is_curator:
            return comments
        if user.is_authenticated:
            return comments.filter(Q(hidden_at=None) | Q(author=user))
        return comments.not_hidden()

    def threads(self, user=None):
        """Top-level comments with their replies and authors, in a fixed number of queries."""
        replies = Comment.objects.select_related("author__profile")
        if user is not None:
            replies = replies.visible_to(user)
        return (
            self.filter(parent=None)
            .select_related("author__profile")
            .prefetch_related(models.Prefetch("replies", queryset=replies))
        )

    def live(self):
        return self.filter(deleted_at=None)


class Comment(Hideable):
    """A member's comment; replies are one level deep.

    Deleting a comment that has replies keeps it as a "comment deleted" placeholder (its text
    is erased) so that the replies keep their context; other comments are removed.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    body = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return self.body[:60]

    def get_absolute_url(self):
        return f"{self.project.get_absolute_url()}#comment-{self.pk}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @staticmethod
    def thread_root(parent):
        """Replies are one level deep: a reply to a reply joins the top-level comment."""
        if parent is None:
            return None
        return parent.parent if parent.parent_id else parent

    def may_edit(self, user) -> bool:
        return user.is_authenticated and self.author_id == user.pk and not self.is_deleted

    def may_delete(self, user) -> bool:
        if not user.is_authenticated or self.is_deleted:
            return False
        return self.author_id == user.pk or user.is_curator

    def edit(self, body: str) -> None:
        if body != self.body:
            self.body = body
            self.edited_at = timezone.now()
            self.save(update_fields=["body", "edited_at"])

    @transaction.atomic
    def remove(self, *, by, reason: str = "") -> None:
        """Delete as `by`; moderators' deletions of other people's comments are audited."""
        from planet.moderation.models import AuditLog

        if by.pk != self.author_id:
            AuditLog.record(by, "comment.delete", self, reason=reason, project=self.project_id)
        if self.replies.exists():
            self.body = ""
            self.deleted_at = timezone.now()
            self.save(update_fields=["body", "deleted_at"])
        else:
            parent = self.parent
            self.delete()
            if parent is not None and parent.is_deleted and not parent.replies.exists():
                parent.delete()


class Follow(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "user"], name="follow_once")]

    def __str__(self):
        return f"{self.user} follows {self.project}"


class Need(models.Model):
    """Help wanted by the team."""

    class NeedKind(models.TextChoices):
        SKILLS = "skills", _("Skills")
        PARTNERS = "partners", _("Partners")
        FUNDING = "funding", _("Funding")
        EQUIPMENT = "equipment", _("Equipment")
        VENUE = "venue", _("Venue")
        TRANSLATION = "translation", _("Translation")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="needs")
    kind = models.CharField(_("kind of help"), max_length=12, choices=NeedKind, db_index=True)
    description = models.CharField(_("what is needed"), max_length=500)
    is_open = models.BooleanField(_("still needed"), default=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_open", "created_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description[:60]}"


class HelpOffer(models.Model):
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="offers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message = models.TextField(_("your offer"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["need", "user"], name="one_offer_per_need")]

    def __str__(self):
        return f"{self.user} offers help to {self.need.project}"


class ProjectInvitation(InvitationBase):
    """An e-mailed, expiring, single-use invitation to join a project's team."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(_("role"), max_length=8, choices=TeamRole, default=TeamRole.MEMBER)

    class Meta(InvitationBase.Meta):
        verbose_name = _("team invitation")
        verbose_name_plural = _("team invitations")

    def __str__(self):
        return f"{self.email} → {self.project}"

    @classmethod
    def issue(cls, project, email, role, invited_by) -> tuple["ProjectInvitation", str]:
        """Create an invitation and return it with the raw token (to be e-mailed, never stored)."""
        return cls.create_with_token(email=email, invited_by=invited_by, project=project, role=role)
