from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from planet.accounts.models import Profile, User


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    filter_horizontal = ["sdgs"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Site roles are changed on the curators page, where a reason is recorded."""

    ordering = ["email"]
    list_display = [
        "email",
        "display_name",
        "site_role",
        "is_active",
        "is_superuser",
        "date_joined",
    ]
    list_filter = ["site_role", "is_active", "is_superuser", "date_joined"]
    search_fields = ["email", "profile__display_name"]
    readonly_fields = ["site_role", "is_staff", "is_superuser", "last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Roles"), {"fields": ["is_active", "site_role", "is_staff", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    inlines = [ProfileInline]

    @admin.display(description=_("display name"))
    def display_name(self, obj):
        return obj.display_name

    def get_inlines(self, request, obj):
        return self.inlines if obj else []  # the profile is created with the user

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("profile")


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["display_name", "handle", "country", "city", "about_visibility"]
    list_filter = ["country", "about_visibility", "location_visibility", "interests_visibility"]
    search_fields = ["display_name", "handle", "user__email", "city"]
    filter_horizontal = ["sdgs"]
    readonly_fields = ["user"]  # a profile belongs to its person for good

    def has_add_permission(self, request):
        return False  # every user gets a profile when created
