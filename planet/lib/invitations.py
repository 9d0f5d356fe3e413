"""E-mailed invitations: expiring, single use, and only a hash of the token is stored.

Organisations and project teams subclass `InvitationBase`, adding what the invitation is
to and with which role.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

INVITATION_LIFETIME = timedelta(days=14)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at=None, declined_at=None, expires_at__gt=timezone.now())

    def by_token(self, token: str):
        return self.filter(token_hash=hash_token(token))


class InvitationBase(models.Model):
    email = models.EmailField(_("e-mail address"))
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    declined_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @classmethod
    def create_with_token(cls, *, email: str, invited_by, **fields):
        """Create an invitation; return it with the raw token (e-mailed, never stored)."""
        token = secrets.token_urlsafe(32)
        invitation = cls.objects.create(
            email=email.lower(),
            token_hash=hash_token(token),
            invited_by=invited_by,
            expires_at=timezone.now() + INVITATION_LIFETIME,
            **fields,
        )
        return invitation, token

    @property
    def is_used(self) -> bool:
        return self.accepted_at is not None or self.declined_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    def mark_accepted(self, user) -> None:
        self.accepted_at, self.accepted_by = timezone.now(), user
        self.save(update_fields=["accepted_at", "accepted_by"])

    def mark_declined(self) -> None:
        self.declined_at = timezone.now()
        self.save(update_fields=["declined_at"])


class InvitationAdminBase(admin.ModelAdmin):
    """Invitations are sent from the pages that e-mail the link; in the admin they can be
    read and deleted, never added. The token's hash is never shown.

    Subclasses name what the invitation is to in `parent` ("organisation", "project")."""

    parent = ""
    list_filter = ["role", "created_at"]
    date_hierarchy = "created_at"
    shown = ["role", "invited_by", "created_at", "expires_at", "accepted_at", "accepted_by"]

    def get_list_display(self, request):
        return ["email", self.parent, "role", "created_at", "expires_at", "accepted_at"]

    def get_search_fields(self, request):
        return ["email", f"{self.parent}__{self.parent_label_field}"]

    def get_list_select_related(self, request):
        return [self.parent]

    def get_fields(self, request, obj=None):
        return ["email", self.parent, *self.shown, "declined_at"]

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def has_add_permission(self, request):
        return False
