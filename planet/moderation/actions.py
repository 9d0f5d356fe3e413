"""What curators do about reported content. Each action resolves the item's open flags and is
written to the audit log; hiding and warning tell the author by e-mail."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planet.moderation import registry
from planet.moderation.models import AuditLog, Flag, FlagStatus, MemberWarning, Resolution

ACTION_LABELS = {
    "hide": gettext_lazy("Hide"),
    "restore": gettext_lazy("Restore"),
    "dismiss": gettext_lazy("Dismiss the reports"),
    "warn": gettext_lazy("Warn the author"),
    "suspend": gettext_lazy("Suspend the author"),
}


class ActionRefused(Exception):
    """The action does not apply to this item now; the message says why."""


def resolve_flags(item, resolution: str, *, by, note: str) -> int:
    return (
        Flag.objects.open()
        .for_object(item)
        .update(
            status=FlagStatus.RESOLVED,
            resolution=resolution,
            resolved_by=by,
            resolved_at=timezone.now(),
            resolution_note=note,
        )
    )


def _email(user, template: str, context: dict) -> None:
    if user is None or not user.email:
        return
    context = {"site_url": settings.SITE_URL, "member": user, **context}
    subject = render_to_string(f"moderation/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"moderation/email/{template}.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    transaction.on_commit(lambda: send_mail(subject, body, None, [user.email]))


def _label(item) -> str:
    flaggable = registry.for_model(type(item))
    return flaggable.title(item) if flaggable else str(item)


@transaction.atomic
def hide(item, *, by, note: str) -> None:
    """Hide the item everywhere at once (every list, page, search, map and feed goes through
    `visible_to`; saving reindexes the search) and tell its author why."""
    if item.is_hidden:
        raise ActionRefused(_("This item is already hidden."))
    item.hidden_at = timezone.now()
    item.hidden_note = note
    item.save(update_fields=["hidden_at", "hidden_note"])
    resolved = resolve_flags(item, Resolution.HIDDEN, by=by, note=note)
    AuditLog.record(by, "moderation.hide", item, reason=note, flags=resolved)
    _email(registry.owner_of(item), "hidden", {"title": _label(item), "note": note})


@transaction.atomic
def restore(item, *, by, note: str) -> None:
    if not item.is_hidden:
        raise ActionRefused(_("This item is not hidden."))
    item.hidden_at = None
    item.hidden_note = ""
    item.save(update_fields=["hidden_at", "hidden_note"])
    resolved = resolve_flags(item, Resolution.DISMISSED, by=by, note=note)
    AuditLog.record(by, "moderation.restore", item, reason=note, flags=resolved)


@transaction.atomic
def dismiss(item, *, by, note: str) -> None:
    resolved = resolve_flags(item, Resolution.DISMISSED, by=by, note=note)
    if not resolved:
        raise ActionRefused(_("There are no open reports on this item."))
    AuditLog.record(by, "moderation.dismiss", item, reason=note, flags=resolved)


def _author(item):
    author = registry.owner_of(item)
    if author is None:
        raise ActionRefused(_("This item has no author any more."))
    return author


@transaction.atomic
def warn(item, *, by, note: str) -> None:
    author = _author(item)
    MemberWarning.objects.create(user=author, given_by=by, note=note)
    resolved = resolve_flags(item, Resolution.WARNED, by=by, note=note)
    AuditLog.record(by, "moderation.warn", item, reason=note, member=author.pk, flags=resolved)
    _email(author, "warning", {"title": _label(item), "note": note})


@transaction.atomic
def suspend(item, *, by, note: str) -> None:
    """Block the author's sign-in (their content stays); curators and admins cannot be."""
    author = _author(item)
    if author.is_superuser or author.site_role == author.SiteRole.CURATOR:
        raise ActionRefused(_("Curators and site admins cannot be suspended."))
    if not author.is_active:
        raise ActionRefused(_("This member is already suspended."))
    author.is_active = False
    author.save(update_fields=["is_active"])
    resolved = resolve_flags(item, Resolution.SUSPENDED, by=by, note=note)
    AuditLog.record(
        by,
        "moderation.suspend",
        author,
        reason=note,
        item=_label(item)[:200],
        item_type=item._meta.label_lower,
        item_id=item.pk,
        flags=resolved,
    )
    _email(author, "suspended", {"title": _label(item), "note": note})


ACTIONS = {"hide": hide, "restore": restore, "dismiss": dismiss, "warn": warn, "suspend": suspend}
