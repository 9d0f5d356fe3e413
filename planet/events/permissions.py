"""One place decides who may see and change an event or a festival edition.

Those who may not see an event get 404; those who may see it but not act get 403.
Organisers of an event: its creator, admins and editors of its organisation, and curators.
Festival curators: the site's curators and the edition's own `curators`.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from planet.events.models import Event, Festival


def is_organiser(user, event) -> bool:
    return Event.objects.organised_by(user).filter(pk=event.pk).exists()


def get_event_for_user(request, slug: str, *, organise: bool = False) -> Event:
    """The event at `slug` if the user may see it (404 otherwise) and, with `organise`, may
    change it (403 otherwise). The event carries `viewer_is_organiser`."""
    event = (
        Event.objects.visible_to(request.user)
        .select_related("organisation", "festival")
        .filter(slug=slug)
        .first()
    )
    if event is None:
        raise Http404
    event.viewer_is_organiser = is_organiser(request.user, event)
    if organise and not event.viewer_is_organiser:
        raise PermissionDenied
    return event


def may_create_festival(user) -> bool:
    return user.is_authenticated and user.is_curator


def get_festival_for_user(request, slug: str, *, curate: bool = False) -> Festival:
    festival = get_object_or_404(Festival, slug=slug)
    festival.viewer_is_curator = festival.is_curated_by(request.user)
    if curate and not festival.viewer_is_curator:
        raise PermissionDenied
    return festival
