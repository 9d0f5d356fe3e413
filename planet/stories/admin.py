from django.contrib import admin

from planet.stories.models import Story, StoryEditor


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "content_language", "published_at", "hidden_at"]
    list_filter = ["kind", "status", "content_language"]
    search_fields = ["title", "slug", "summary"]
    raw_id_fields = ["authors", "created_by", "reviewed_by"]
    filter_horizontal = ["goals"]


@admin.register(StoryEditor)
class StoryEditorAdmin(admin.ModelAdmin):
    list_display = ["user", "granted_by", "granted_at"]
    raw_id_fields = ["user", "granted_by"]
