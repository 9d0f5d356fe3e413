from django.contrib import admin

from planet.consultations.models import (
    Consultation,
    Participant,
    Proposal,
    ProposalComment,
    Support,
)


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "opens_at", "closes_at", "organisation", "hidden_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    raw_id_fields = ["organisation", "created_by"]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["consultation", "user", "age", "country", "created_at"]
    raw_id_fields = ["consultation", "user"]


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "consultation", "retained", "created_at", "hidden_at"]
    list_filter = ["retained"]
    search_fields = ["title"]
    raw_id_fields = ["consultation", "participant"]


@admin.register(ProposalComment)
class ProposalCommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "proposal", "author", "created_at", "hidden_at"]
    raw_id_fields = ["proposal", "author"]


@admin.register(Support)
class SupportAdmin(admin.ModelAdmin):
    list_display = ["proposal", "user", "created_at"]
    raw_id_fields = ["proposal", "user"]
