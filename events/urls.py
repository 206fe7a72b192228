from django.urls import path

from .views import delegate, desk, documents, programme, staff

app_name = "events"

urlpatterns = [
    path("events/", delegate.event_list, name="list"),
    path("events/my/", delegate.my_registrations, name="my"),
    path("events/my/agenda-address/", delegate.renew_agenda_feed, name="renew_feed"),
    path("events/checkin/", staff.checkin, name="checkin"),
    path("events/statistics/", staff.statistics, name="statistics"),
    path("events/statistics/<slug:week_slug>/", staff.statistics, name="statistics_week"),
    path("events/invitation/<str:token>/", delegate.invitation_landing, name="invitation"),
    path("events/week/<slug:week_slug>/register/", delegate.register, name="register"),
    path("events/attendance/<int:pk>/cancel/", delegate.cancel_attendance, name="cancel"),
    path("events/registration/<int:pk>/change/", delegate.change_registration, name="change"),
    path("events/registration/<int:registration_pk>/add/", delegate.add_event, name="add_event"),
    path("events/sessions/<int:session_id>/star/", delegate.toggle_star, name="star"),
    path("events/registration/<int:pk>/<str:kind>.pdf", documents.registration_document, name="document"),
    path("events/speakers/<slug:slug>/", programme.speaker_detail, name="speaker"),
    path("events/<slug:slug>/sessions/<int:session_id>/", programme.session_detail, name="session"),
    path("events/<slug:slug>/timetable/", programme.timetable_view, name="timetable"),
    path("events/<slug:slug>/export.<str:fmt>", staff.export, name="export"),
    path("events/<slug:slug>/checkin/", staff.checkin_desk, name="checkin_desk"),
    path("events/<slug:slug>/checkin/counts.json", staff.checkin_counts_json, name="checkin_counts"),
    path("events/<slug:slug>/desk/", desk.desk, name="desk"),
    path("events/<slug:slug>/desk/attendees.json", desk.desk_attendees, name="desk_attendees"),
    path("events/<slug:slug>/desk/sync", desk.desk_sync_view, name="desk_sync"),
    path("events/<slug:slug>/desk/manifest.webmanifest", desk.desk_manifest, name="desk_manifest"),
    path("events/<slug:slug>/desk/worker.js", desk.desk_worker, name="desk_worker"),
    path("events/<slug:slug>/", delegate.event_detail, name="detail"),
]
