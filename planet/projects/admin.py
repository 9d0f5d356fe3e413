from django.contrib import admin

from planet.lib.invitations import InvitationAdminBase
from planet.projects.models import (
    Comment,
    Follow,
    HelpOffer,
    JoinRequest,
    Need,
    Project,
    ProjectInvitation,
    ProjectLocation,
    ProjectMember,
    ProjectUpdate,
)


class ProjectMemberInline(admin.TabularInline):
    model = ProjectMember
    raw_id_fields = ["user"]
    extra = 0


class ProjectLocationInline(admin.TabularInline):
    model = ProjectLocation
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    """Status changes go through the project page, where they are audited and notified."""

    list_display = ["title", "kind", "stage", "status", "featured_at", "published_at"]
    list_filter = ["status", "kind", "stage", "goals", "created_at"]
    search_fields = ["title", "summary", "slug"]
    readonly_fields = [
        "status",
        "slug",
        "featured_at",
        "published_at",
        "submitted_at",
        "version",
        "created_by",
    ]
    filter_horizontal = ["goals", "organisations"]
    raw_id_fields = ["targets"]
    inlines = [ProjectMemberInline, ProjectLocationInline]
    date_hierarchy = "created_at"


@admin.register(ProjectUpdate)
class ProjectUpdateAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "author", "created_at"]
    search_fields = ["title", "body", "project__title"]
    raw_id_fields = ["project", "author"]
    date_hierarchy = "created_at"


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "project", "author", "created_at"]
    search_fields = ["body", "project__title"]
    raw_id_fields = ["project", "author", "parent"]
    date_hierarchy = "created_at"


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ["__str__", "project", "kind", "is_open"]
    list_filter = ["kind", "is_open"]
    search_fields = ["description", "project__title"]
    raw_id_fields = ["project"]


@admin.register(HelpOffer)
class HelpOfferAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]
    search_fields = ["message", "need__project__title"]
    raw_id_fields = ["need", "user"]


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["__str__", "state", "created_at"]
    list_filter = ["state"]
    raw_id_fields = ["project", "user"]


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]
    raw_id_fields = ["project", "user"]


@admin.register(ProjectInvitation)
class ProjectInvitationAdmin(InvitationAdminBase):
    parent, parent_label_field = "project", "title"
