"""Registration for events: places up to the capacity, then a first-come waiting list whose head
is promoted, exactly once, whenever a place frees up or the organiser adds places.

Every change runs in one transaction that first locks the event's row (`select_for_update`), so
concurrent registrations and cancellations for one event take turns: the capacity is counted
and filled by one of them at a time and can never be exceeded. (On SQLite, transactions take the
write lock at their start, which serialises them the same way.)
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from planet.events import registration_emails as emails
from planet.events.models import Event, EventStatus, Registration, RegistrationStatus


class RegistrationRefused(Exception):
    """A registration change that is refused; the message is for the person."""


class AlreadyRegistered(RegistrationRefused):
    """Registering twice changes nothing."""


def has_verified_email(user) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()


def why_closed(event: Event, now=None) -> str:
    """Why registration is closed for `event`, in the person's words ("" while it is open)."""
    now = now or timezone.now()
    if event.status == EventStatus.CANCELLED:
        return _("This event is cancelled: registration is closed.")
    if event.status != EventStatus.PUBLISHED:
        return _("This event is not published yet: registration is not open.")
    if event.is_past(now):
        return _("This event has already started: registration is closed.")
    if event.registration_opens_at and now < event.registration_opens_at:
        opens = timezone.localtime(event.registration_opens_at)
        return _("Registration opens on %(date)s.") % {
            "date": date_format(opens, "DATETIME_FORMAT")
        }
    if event.registration_closes_at and now >= event.registration_closes_at:
        return _("Registration for this event is closed.")
    return ""


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _has_room(event: Event) -> bool:
    if event.capacity is None:
        return True
    return event.registrations.confirmed().count() < event.capacity


def _promote(locked_event: Event) -> list[Registration]:
    """Move waiting people into free places, first come first served. The caller holds the
    event's lock, so each waiting row is promoted by one transaction only."""
    if locked_event.status != EventStatus.PUBLISHED or locked_event.is_past():
        return []
    waiting = locked_event.registrations.waiting().select_related("user__profile")
    if locked_event.capacity is None:
        free = None
    else:
        free = locked_event.capacity - locked_event.registrations.confirmed().count()
        if free <= 0:
            return []
        waiting = waiting[:free]
    now = timezone.now()
    promoted = []
    for registration in waiting.select_for_update(of=("self",)):
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        registration.reminded_at = now if _reminder_is_due(locked_event, now) else None
        registration.save(update_fields=["status", "promoted_at", "reminded_at"])
        registration.event = locked_event
        promoted.append(registration)
    emails.send_on_commit([emails.compose("promoted", r) for r in promoted])
    return promoted


def _reminder_is_due(event: Event, now) -> bool:
    """Within a day of the start the confirmation doubles as the reminder: none follows."""
    from planet.events.reminders import reminder_due_at

    return reminder_due_at(event) <= now


def fill_from_waiting_list(event: Event) -> list[Registration]:
    """Promote waiting people into the places that are free (after the organiser raised the
    capacity, for instance); each gets a "you have a place" e-mail. Returns those promoted."""
    with transaction.atomic():
        return _promote(_locked(event))


def register(event: Event, user) -> Registration:
    """A place for `user` at `event`, or a place at the back of the waiting list when it is
    full. Raises RegistrationRefused (nothing changed) when registration is closed, the e-mail
    is unverified, or the person is already registered or waiting (AlreadyRegistered)."""
    if not has_verified_email(user):
        raise RegistrationRefused(
            _("Verify your e-mail address before registering: open the link we sent you.")
        )
    with transaction.atomic():
        locked = _locked(event)
        reason = why_closed(locked)
        if reason:
            raise RegistrationRefused(reason)
        registration = Registration.objects.filter(event=locked, user=user).first()
        if registration and registration.status == RegistrationStatus.CONFIRMED:
            raise AlreadyRegistered(_("You are already registered for this event."))
        if registration and registration.status == RegistrationStatus.WAITING:
            raise AlreadyRegistered(_("You are already on the waiting list for this event."))
        _promote(locked)  # people already waiting go first
        first = not locked.registrations.active().exists()
        registration = registration or Registration(event=locked, user=user)
        now = timezone.now()
        registration.status = (
            RegistrationStatus.CONFIRMED if _has_room(locked) else RegistrationStatus.WAITING
        )
        registration.queued_at = now
        registration.promoted_at = registration.cancelled_at = None
        registration.told_of_cancellation_at = None
        registration.reminded_at = now if _reminder_is_due(locked, now) else None
        registration.save()
        registration.event = locked
        if first:
            from planet.events.reminders import schedule_reminder

            schedule_reminder(locked)
        kind = "confirmed" if registration.status == RegistrationStatus.CONFIRMED else "waiting"
        extra = {"position": queue_position(registration)} if kind == "waiting" else {}
        emails.send_on_commit([emails.compose(kind, registration, **extra)])
    return registration


def unregister(event: Event, user) -> Registration:
    """Cancel `user`'s registration (or place on the waiting list); a freed place goes to the
    head of the waiting list. The registration carries `was_confirmed`."""
    with transaction.atomic():
        locked = _locked(event)
        registration = (
            Registration.objects.select_for_update()
            .active()
            .filter(event=locked, user=user)
            .first()
        )
        if registration is None:
            raise RegistrationRefused(_("You are not registered for this event."))
        if locked.is_past():
            raise RegistrationRefused(
                _("This event has already started: registrations can no longer change.")
            )
        was_confirmed = registration.status == RegistrationStatus.CONFIRMED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        if was_confirmed:
            _promote(locked)
    registration.was_confirmed = was_confirmed
    return registration


# Reading -----------------------------------------------------------------------------------


def with_queue_position(registrations):
    """Annotate `queue_position` (1 = next in line) on waiting registrations; 0 on others."""
    ahead = (
        Registration.objects.filter(event=OuterRef("event"), status=RegistrationStatus.WAITING)
        .filter(
            Q(queued_at__lt=OuterRef("queued_at"))
            | Q(queued_at=OuterRef("queued_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    position = Coalesce(Subquery(ahead, output_field=IntegerField()), Value(0)) + 1
    return registrations.annotate(
        queue_position=Case(
            When(status=RegistrationStatus.WAITING, then=position),
            default=Value(0),
            output_field=IntegerField(),
        )
    )


def queue_position(registration: Registration) -> int:
    """The place of a waiting registration in the queue (1 = next in line), else 0."""
    if registration.status != RegistrationStatus.WAITING:
        return 0
    return (
        Registration.objects.filter(event_id=registration.event_id)
        .waiting()
        .filter(
            Q(queued_at__lt=registration.queued_at)
            | Q(queued_at=registration.queued_at, pk__lt=registration.pk)
        )
        .count()
        + 1
    )


@dataclass
class RegistrationBox:
    """What the registration box of an event page shows to one viewer."""

    registration: Registration | None
    status: str  # "" (not registered), "confirmed", "waiting" or "cancelled"
    position: int  # on the waiting list; 0 when not waiting
    capacity: int | None
    confirmed_count: int
    waiting_count: int
    is_open: bool
    closed_reason: str
    show_online_link: bool
    may_register: bool  # signed in with a verified e-mail
    may_leave: bool  # registered or waiting, and the event is still ahead
    is_signed_in: bool

    @property
    def places_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def is_full(self) -> bool:
        return self.places_left == 0

    @property
    def is_registered(self) -> bool:
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_waiting(self) -> bool:
        return self.status == RegistrationStatus.WAITING


def box_for(user, event: Event) -> RegistrationBox:
    """The viewer's registration status at `event`, their place on the waiting list, the
    places left and whether registration is open. Uses `confirmed_count`/`waiting_count`
    when the event was loaded `with_counts()`; a fixed number of queries otherwise."""
    counts = getattr(event, "confirmed_count", None), getattr(event, "waiting_count", None)
    if None in counts:
        counts = Registration.objects.filter(event=event).aggregate(
            confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
        )
        counts = counts["confirmed"], counts["waiting"]
    registration = None
    if user.is_authenticated:
        registration = Registration.objects.filter(event=event, user=user).first()
    status = registration.status if registration else ""
    organiser = getattr(event, "viewer_is_organiser", False)
    reason = why_closed(event)
    return RegistrationBox(
        registration=registration,
        status=status,
        position=queue_position(registration) if registration else 0,
        capacity=event.capacity,
        confirmed_count=counts[0],
        waiting_count=counts[1],
        is_open=not reason,
        closed_reason=reason,
        show_online_link=bool(event.online_url)
        and (status == RegistrationStatus.CONFIRMED or organiser),
        may_register=user.is_authenticated and has_verified_email(user),
        may_leave=status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)
        and event.status == EventStatus.PUBLISHED
        and not event.is_past(),
        is_signed_in=user.is_authenticated,
    )
