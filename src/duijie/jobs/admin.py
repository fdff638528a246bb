from django.contrib import admin

from duijie.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "status", "progress", "created_by", "created_at", "finished_at"]
    list_filter = ["status", "kind"]
    readonly_fields = ["started_at", "finished_at", "created_at"]
