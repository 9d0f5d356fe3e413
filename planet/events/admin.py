from django.contrib import admin

from planet.events.models import Event, Festival, Registration


@admin.register(Festival)
class FestivalAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_on", "ends_on", "proposals_open"]
    search_fields = ["name"]
    filter_horizontal = ["curators"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "format", "status", "starts_at", "country", "festival"]
    list_filter = ["kind", "format", "status", "festival_review"]
    search_fields = ["title", "slug"]
    raw_id_fields = ["organisation", "created_by", "festival_reviewed_by"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["event", "user", "status", "queued_at"]
    list_filter = ["status"]
    raw_id_fields = ["event", "user"]
