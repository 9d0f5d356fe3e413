from django.contrib import admin

from planet.campus.models import LearningOpportunity, Resource, ResourceReview, ResourceUse


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "type", "status", "cost", "licence", "published_at", "hidden_at"]
    list_filter = ["status", "type", "cost", "licence"]
    search_fields = ["title", "summary"]
    raw_id_fields = ["organisation", "proposed_by", "decided_by"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(ResourceUse)
class ResourceUseAdmin(admin.ModelAdmin):
    list_display = ["resource", "organisation", "declared_by", "created_at"]
    raw_id_fields = ["resource", "organisation", "declared_by"]


@admin.register(ResourceReview)
class ResourceReviewAdmin(admin.ModelAdmin):
    list_display = ["resource", "author", "rating", "created_at", "hidden_at"]
    list_filter = ["rating"]
    raw_id_fields = ["resource", "author"]


@admin.register(LearningOpportunity)
class LearningOpportunityAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "starts_on", "ends_on", "country", "hidden_at"]
    list_filter = ["status", "kind", "online"]
    search_fields = ["title", "summary", "place_name"]
    raw_id_fields = ["organisation", "proposed_by", "decided_by"]
