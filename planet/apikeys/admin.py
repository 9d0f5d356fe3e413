from django.contrib import admin

from planet.apikeys.models import PersonalToken


@admin.register(PersonalToken)
class PersonalTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "scope", "created_at", "expires_at", "last_used_at"]
    list_filter = ["scope"]
    search_fields = ["name", "user__email"]
    readonly_fields = ["token_hash", "created_at", "last_used_at"]
    raw_id_fields = ["user"]
