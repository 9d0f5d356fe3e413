from django.contrib import admin

from planet.moderation.models import AuditLog, Flag, MemberWarning


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only, even for site admins."""

    list_display = ["created_at", "actor_label", "action", "target_type", "target_label"]
    list_filter = ["action", "target_type", "created_at"]
    search_fields = ["actor_label", "target_label", "reason", "action"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    """Reports are acted on in the moderation queue; the admin shows them read-only."""

    list_display = ["created_at", "content_type", "object_id", "reason", "status", "resolution"]
    list_filter = ["status", "reason", "resolution", "content_type"]
    date_hierarchy = "created_at"
    raw_id_fields = ["reporter", "resolved_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MemberWarning)
class MemberWarningAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "given_by"]
    raw_id_fields = ["user", "given_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
