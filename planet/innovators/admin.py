from django.contrib import admin

from planet.innovators.models import Innovator
from planet.innovators.permissions import may_feature_people


@admin.register(Innovator)
class InnovatorAdmin(admin.ModelAdmin):
    """Curators feature people here; the curator who adds one is recorded."""

    list_display = ["__str__", "quote", "position", "featured_by", "created_at"]
    list_editable = ["position"]
    search_fields = ["user__email", "user__profile__display_name", "quote"]
    raw_id_fields = ["user"]
    readonly_fields = ["featured_by", "created_at"]
    list_select_related = ["user__profile", "featured_by__profile"]

    def has_view_permission(self, request, obj=None):
        return may_feature_people(request.user)

    def has_add_permission(self, request):
        return may_feature_people(request.user)

    def has_change_permission(self, request, obj=None):
        return may_feature_people(request.user)

    def has_delete_permission(self, request, obj=None):
        return may_feature_people(request.user)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.featured_by = request.user
        super().save_model(request, obj, form, change)
