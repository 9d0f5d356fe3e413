from django.contrib import admin

from planet.sdgs.models import Goal, Target


class TargetInline(admin.TabularInline):
    model = Target
    fields = ["code", "position", "titles"]
    extra = 0


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["number", "short_name", "colour"]
    search_fields = ["short_names", "titles"]
    inlines = [TargetInline]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["code", "goal", "title"]
    list_filter = ["goal"]
    search_fields = ["code", "titles"]
