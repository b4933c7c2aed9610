from django.contrib import admin

from participants.models import Cohort


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "created"]
    list_filter = ["organisation"]
