"""Members report content: one open flag per reporter and item, only on what they can see."""

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext as _

from planet.moderation import registry
from planet.moderation.models import Flag


class FlagRefused(Exception):
    """The flag cannot be made; the message says why, for the reporter."""


def get_flaggable_for_user(user, label: str, pk: int):
    """(its registration, the item) if `label` names a registered kind of content and the item
    is among what `user` may see; 404 otherwise (an unseen item stays unknown)."""
    flaggable = registry.by_label(label)
    if flaggable is None:
        raise Http404
    item = flaggable.model._default_manager.visible_to(user).filter(pk=pk).first()
    if item is None:
        raise Http404
    return flaggable, item


def is_owner(user, item) -> bool:
    owner = registry.owner_of(item)
    return owner is not None and user.is_authenticated and owner.pk == user.pk


def flag(item, *, reporter, reason: str, note: str = "") -> Flag:
    """Record the report, or raise FlagRefused (nothing saved)."""
    if is_owner(reporter, item):
        raise FlagRefused(_("You cannot report your own content."))
    if Flag.objects.open().for_object(item).filter(reporter=reporter).exists():
        raise FlagRefused(_("You already reported this. The curators will look at it."))
    try:
        with transaction.atomic():
            return Flag.objects.create(
                content_object=item, reporter=reporter, reason=reason, note=note
            )
    except IntegrityError:  # the same report sent twice at once
        raise FlagRefused(_("You already reported this. The curators will look at it.")) from None
