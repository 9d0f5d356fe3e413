from django.urls import path

from planet.events.views import calendars, events, registration

app_name = "events"
urlpatterns = [
    path("", events.event_list, name="list"),
    path("new/", events.event_create, name="create"),
    path("mine/", registration.my_events, name="mine"),
    path("mine/calendar/reset/", calendars.personal_calendar_reset, name="calendar_reset"),
    # Subscribable calendars (iCalendar).
    path("calendar/me/<str:token>.ics", calendars.personal_calendar, name="personal_calendar"),
    path(
        "calendar/festival/<slug:slug>.ics", calendars.festival_calendar, name="festival_calendar"
    ),
    path(
        "calendar/organisation/<slug:slug>.ics",
        calendars.organisation_calendar,
        name="organisation_calendar",
    ),
    path("calendar/sdg/<int:number>.ics", calendars.sdg_calendar, name="sdg_calendar"),
    # One event.
    path("<slug:slug>/", events.event_detail, name="detail"),
    path("<slug:slug>/event.ics", calendars.event_calendar, name="ics"),
    path("<slug:slug>/edit/", events.event_edit, name="edit"),
    path("<slug:slug>/cancel/", events.event_cancel, name="cancel"),
    path("<slug:slug>/register/", registration.register, name="register"),
    path("<slug:slug>/unregister/", registration.unregister, name="unregister"),
    path("<slug:slug>/attendees/", registration.attendees, name="attendees"),
    path("<slug:slug>/attendees.csv", registration.attendees_csv, name="attendees_csv"),
    path("<slug:slug>/message/", registration.message_attendees, name="message"),
]
