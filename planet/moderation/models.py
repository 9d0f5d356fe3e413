from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("The audit log is append-only.")

    def bulk_update(self, objs, fields, batch_size=None):
        # refused before Django opens its transaction, which a refusal inside would spoil
        raise PermissionDenied("The audit log is append-only.")

    def delete(self):
        raise PermissionDenied("The audit log is append-only.")

    def for_target(self, obj):
        return self.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk))


class AuditLog(models.Model):
    """An append-only record of curation, moderation and role changes: who, what, when, why."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("who (as recorded)"), max_length=200)
    action = models.CharField(_("what"), max_length=64, db_index=True)
    target_type = models.CharField(_("target type"), max_length=100, db_index=True)
    target_id = models.CharField(_("target id"), max_length=64)
    target_label = models.CharField(_("target"), max_length=200)
    reason = models.TextField(_("why"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditLogQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_label}"
        )

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The audit log is append-only.")

    @classmethod
    def record(cls, actor, action: str, target, *, reason: str = "", **details):
        return cls.objects.create(
            actor=actor if actor and actor.is_authenticated else None,
            actor_label=f"{actor.display_name} (#{actor.pk})" if actor else "system",
            action=action,
            target_type=target._meta.label_lower,
            target_id=str(target.pk),
            target_label=str(target)[:200],
            reason=reason,
            details=details,
        )
