from django.contrib import admin

from planet.challenges.models import Challenge, Criterion, Juror, Question, Submission


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


class JurorInline(admin.TabularInline):
    model = Juror
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "opens_at", "closes_at", "results_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "slug"]
    inlines = [QuestionInline, CriterionInline, JurorInline]
    raw_id_fields = ["organisation", "created_by"]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["title", "challenge", "status", "outcome", "submitted_at"]
    list_filter = ["status", "outcome"]
    search_fields = ["title"]
    raw_id_fields = ["challenge", "entrant"]
