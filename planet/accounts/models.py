import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from planet.lib.images import AVATAR_THUMBNAIL, ThumbnailedImageField, delete_image
from planet.lib.slugs import unique_slug
from planet.moderation.hiding import Hideable, HideableQuerySet


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """A person's account; e-mail is the login. Site admins are superusers."""

    class SiteRole(models.TextChoices):
        MEMBER = "member", _("Member")
        CURATOR = "curator", _("Curator")

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    site_role = models.CharField(
        _("site role"), max_length=16, choices=SiteRole, default=SiteRole.MEMBER, db_index=True
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    objects = UserManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return f"{self.display_name} <{self.email}>"

    @property
    def display_name(self) -> str:
        try:
            return self.profile.display_name
        except Profile.DoesNotExist:
            return _("Member %(id)s") % {"id": self.pk}

    @property
    def is_curator(self) -> bool:
        return self.is_active and (self.site_role == self.SiteRole.CURATOR or self.is_superuser)

    @property
    def is_site_admin(self) -> bool:
        return self.is_active and self.is_superuser

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        created = self._state.adding
        super().save(*args, **kwargs)
        if created:
            Profile.objects.get_or_create(
                user=self, defaults={"display_name": _("Member %(id)s") % {"id": self.pk}}
            )

    @transaction.atomic
    def set_curator(self, is_curator: bool, *, by, reason: str) -> None:
        """Grant or remove the curator role (admins only), recorded in the audit log."""
        from planet.moderation.models import AuditLog

        self.site_role = self.SiteRole.CURATOR if is_curator else self.SiteRole.MEMBER
        self.is_staff = is_curator or self.is_superuser
        self.save(update_fields=["site_role", "is_staff"])
        action = "curator.granted" if is_curator else "curator.removed"
        AuditLog.record(by, action, self, reason=reason)

    def organisations_blocking_deletion(self):
        """Organisations this person is the only admin of: deleting would orphan them."""
        from planet.orgs.models import Organisation

        return list(Organisation.objects.solely_administered_by(self))

    def projects_blocking_deletion(self):
        """Projects this person solely owns while others are on the team."""
        from planet.projects.models import Project

        return list(Project.objects.solely_owned_by(self).filter(team_size__gt=1))

    @transaction.atomic
    def delete_account(self) -> None:
        """Remove the person and what is personal; shared content stays as "deleted account".

        Unpublished projects that only this person works on are personal drafts and go with
        the account; published ones stay, credited to "deleted account".
        """
        from planet.projects.models import Project

        Project.objects.solely_owned_by(self).filter(team_size=1).unpublished().delete()
        profile = getattr(self, "profile", None)
        if profile and profile.avatar:
            name, storage = profile.avatar.name, profile.avatar.storage
            transaction.on_commit(lambda: delete_image(storage, name))
        self.delete()


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Signed-in members")
    PRIVATE = "private", _("Only me")


def avatar_path(profile, filename):
    # Unguessable, and new for every upload: a picture shown to members only, or replaced,
    # cannot be fetched by working out its address.
    return f"avatars/{profile.user_id}-{secrets.token_hex(8)}.webp"


class ProfileQuerySet(HideableQuerySet):
    def active(self):
        return self.filter(user__is_active=True)

    def visible_to(self, user):
        """The public profiles `user` may open: those of active members, not hidden by the
        moderators; the member sees their own hidden profile (with a banner), and curators
        see every hidden one."""
        profiles = self.active()
        if not user.is_authenticated:
            return profiles.not_hidden()
        if user.is_curator:
            return profiles
        return profiles.filter(models.Q(hidden_at=None) | models.Q(user=user))


class Profile(Hideable):
    """What a person tells about themselves, in groups each with its own visibility."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    handle = models.SlugField(_("profile address"), max_length=80, unique=True)
    display_name = models.CharField(_("display name"), max_length=80)
    # "about" group
    bio = models.TextField(_("bio"), blank=True, max_length=2000)
    avatar = ThumbnailedImageField(
        _("avatar"), upload_to=avatar_path, blank=True, thumbnail=AVATAR_THUMBNAIL
    )
    about_visibility = models.CharField(
        _("who sees your bio and picture"),
        max_length=8,
        choices=Visibility,
        default=Visibility.PUBLIC,
    )
    # "location" group
    country = CountryField(_("country"), blank=True, db_index=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    location_visibility = models.CharField(
        _("who sees your country and city"),
        max_length=8,
        choices=Visibility,
        default=Visibility.MEMBERS,
    )
    # "interests" group
    languages = models.JSONField(_("languages"), default=list, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    sdgs = models.ManyToManyField("sdgs.Goal", verbose_name=_("SDGs of interest"), blank=True)
    interests_visibility = models.CharField(
        _("who sees your languages, skills and SDGs"),
        max_length=8,
        choices=Visibility,
        default=Visibility.PUBLIC,
    )
    timezone = models.CharField(_("time zone"), max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProfileQuerySet.as_manager()

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        if not self.handle:
            self.handle = unique_slug(
                Profile, self.display_name, fallback=f"member-{self.user_id}", field="handle"
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("profiles:detail", args=[self.handle])

    def _may_see(self, visibility: str, viewer) -> bool:
        if viewer.is_authenticated and viewer.pk == self.user_id:
            return True
        if visibility == Visibility.PUBLIC:
            return True
        if visibility == Visibility.MEMBERS:
            return viewer.is_authenticated
        return False

    def visible_groups(self, viewer) -> set[str]:
        """The field groups `viewer` may see: a subset of about, location, interests."""
        groups = {
            "about": self.about_visibility,
            "location": self.location_visibility,
            "interests": self.interests_visibility,
        }
        return {name for name, vis in groups.items() if self._may_see(vis, viewer)}

    def avatar_for(self, viewer):
        return self.avatar if self.avatar and "about" in self.visible_groups(viewer) else None
