import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from planet.lib.images import LOGO_THUMBNAIL, ThumbnailedImageField
from planet.lib.invitations import INVITATION_LIFETIME, InvitationBase, hash_token  # noqa: F401
from planet.lib.slugs import new_slug
from planet.moderation.hiding import Hideable, HideableQuerySet


class OrganisationKind(models.TextChoices):
    SCHOOL = "school", _("School")
    UNIVERSITY = "university", _("University")
    COMPANY = "company", _("Company")
    NGO = "ngo", _("NGO")
    STATE = "state", _("State or public body")
    INTERNATIONAL = "international", _("International organisation")
    ONLINE_PLATFORM = "online_platform", _("Online platform")
    LEARNING_CITY = "learning_city", _("Learning city")
    THIRD_PLACE = "third_place", _("Third place")
    NETWORK = "network", _("Network of changemakers")
    YOUTH_MOVEMENT = "youth_movement", _("Youth movement")


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin")
    EDITOR = "editor", _("Editor")
    MEMBER = "member", _("Member")


# Higher ranks include the rights of lower ones.
ROLE_RANK = {Role.MEMBER: 0, Role.EDITOR: 1, Role.ADMIN: 2}

# Slugs that would hide a page under /orgs/ (new, mine, invitations/<token>/).
RESERVED_SLUGS = {"new", "mine", "invitations"}


def logo_path(organisation, filename):
    token = secrets.token_hex(6)
    return f"logos/{organisation.slug}-{token}.webp"


class OrganisationQuerySet(HideableQuerySet):
    def visible_to(self, user):
        """The one place that decides who sees which organisation: all but the hidden ones;
        curators and the organisation's own admins see a hidden one too (with a banner)."""
        if not user.is_authenticated:
            return self.not_hidden()
        if user.is_curator:
            return self
        administered = Membership.objects.filter(user=user, role=Role.ADMIN)
        return self.filter(
            models.Q(hidden_at=None) | models.Q(pk__in=administered.values("organisation"))
        )

    def partners(self):
        return self.filter(is_partner=True)

    def of_user(self, user):
        return self.filter(memberships__user=user) if user.is_authenticated else self.none()

    def solely_administered_by(self, user):
        """Organisations where `user` is an admin and nobody else is."""
        administered = Membership.objects.filter(user=user, role=Role.ADMIN)
        admins = models.Count("memberships", filter=models.Q(memberships__role=Role.ADMIN))
        return (
            self.filter(pk__in=administered.values("organisation"))
            .alias(admin_total=admins)
            .filter(admin_total=1)
        )


class Organisation(Hideable):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind, db_index=True)
    country = CountryField(_("country"), blank=True, db_index=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    logo = ThumbnailedImageField(
        _("logo"), upload_to=logo_path, blank=True, thumbnail=LOGO_THUMBNAIL
    )
    is_partner = models.BooleanField(_("partner of the alliance"), default=False, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="organisations"
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = new_slug(
                Organisation, self.name, reserved=RESERVED_SLUGS, noun="organisation"
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("orgs:detail", args=[self.slug])

    def role_of(self, user) -> str | None:
        if not user.is_authenticated:
            return None
        membership = self.memberships.filter(user=user).first()
        return membership.role if membership else None

    def admin_count(self) -> int:
        return self.memberships.filter(role=Role.ADMIN).count()

    def first_admin(self):
        """The longest-standing admin (answerable to the moderators), or None."""
        membership = (
            self.memberships.filter(role=Role.ADMIN)
            .select_related("user")
            .order_by("joined_at", "pk")
            .first()
        )
        return membership.user if membership else None


class MembershipQuerySet(models.QuerySet):
    def by_rank(self):
        """Admins first, then editors, then members; by name within a role."""
        rank = models.Case(
            *(models.When(role=role, then=models.Value(-r)) for role, r in ROLE_RANK.items()),
            default=models.Value(0),
        )
        return self.order_by(rank, "user__profile__display_name", "pk")

    def with_people(self):
        return self.select_related("user__profile")


class Membership(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=8, choices=Role, default=Role.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_per_user")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} · {self.organisation} ({self.get_role_display()})"


class Invitation(InvitationBase):
    """An e-mailed, expiring, single-use invitation to join an organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(_("role"), max_length=8, choices=Role, default=Role.MEMBER)

    class Meta(InvitationBase.Meta):
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @classmethod
    def issue(cls, organisation, email, role, invited_by) -> tuple["Invitation", str]:
        """Create an invitation and return it with the raw token (to be e-mailed, never stored)."""
        return cls.create_with_token(
            email=email, invited_by=invited_by, organisation=organisation, role=role
        )
