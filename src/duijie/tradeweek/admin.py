from django.contrib import admin

from duijie.tradeweek import models

for model in (
    models.Venue,
    models.TravelTime,
    models.Event,
    models.Registration,
    models.Participant,
    models.WeekRules,
    models.RequestQuota,
    models.MeetingSlot,
    models.MeetingRequest,
    models.Meeting,
    models.Outcome,
    models.ScheduleRun,
):
    admin.site.register(model)
