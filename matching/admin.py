from django.contrib import admin

from matching.models import MatchRun


@admin.register(MatchRun)
class MatchRunAdmin(admin.ModelAdmin):
    list_display = ["pk", "organisation", "cohort", "mode", "status", "created"]
    list_filter = ["status", "mode"]
    readonly_fields = ["summary", "reason", "started", "finished", "published"]
