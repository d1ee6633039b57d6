"""Fast Stream pages (namespace ``programmes``, under /programmes/); every name is in
config/permissions.py."""

from django.urls import path

from cadre.programmes.views import academies, apprentices, fast_stream

app_name = "programmes"
urlpatterns = [
    path("fast-stream/", fast_stream.rounds, name="rounds"),
    path("fast-stream/mine/", fast_stream.mine, name="mine"),
    path("fast-stream/rounds/<int:pk>/", fast_stream.round_detail, name="round"),
    path("fast-stream/rounds/<int:pk>/offers/new/", fast_stream.offer_create, name="offer-create"),
    path("fast-stream/rounds/<int:pk>/preferences/", fast_stream.preferences, name="preferences"),
    path("fast-stream/rounds/<int:pk>/allocation/", fast_stream.allocate, name="allocate"),
    path("fast-stream/offers/<int:pk>/", fast_stream.offer_detail, name="offer"),
    path("fast-stream/postings/<int:pk>/", fast_stream.posting_detail, name="posting"),
    path("fast-stream/schemes/", fast_stream.schemes, name="schemes"),
    path("fast-stream/intakes/<int:pk>/", fast_stream.intake_detail, name="intake"),
    path("fast-stream/outcomes/", fast_stream.outcomes, name="outcomes"),
    path("apprentices/", apprentices.apprentices, name="apprentices"),
    path("apprentices/target/", apprentices.target, name="apprenticeship-target"),
    path("apprentices/mine/", apprentices.mine, name="apprentice-mine"),
    path("apprentices/<int:pk>/", apprentices.apprentice_detail, name="apprentice"),
    path("apprentices/places/", apprentices.places, name="apprentice-places"),
    path("apprentices/enrol/", apprentices.enrol, name="apprentice-enrol"),
    path("apprentices/cohorts/new/", apprentices.cohort_create,
         name="apprentice-cohort-create"),
    path("apprentices/partners/new/", apprentices.partner_create,
         name="apprentice-partner-create"),
    path("academies/", academies.academies, name="academies"),
    path("academies/<int:pk>/", academies.academy_detail, name="academy"),
    path("academies/rounds/<int:pk>/", academies.round_detail, name="academy-round"),
    path("academies/candidates/<int:pk>/", academies.candidate_detail,
         name="academy-candidate"),
    path("academies/cadres/<int:pk>/", academies.cadre_detail, name="academy-cadre"),
    path("academies/new/", academies.academy_create, name="academy-create"),
    path("academies/providers/", academies.providers, name="academy-providers"),
    path("academies/<int:pk>/modules/new/", academies.module_create,
         name="academy-module-create"),
    path("academies/<int:pk>/rounds/new/", academies.round_create,
         name="academy-round-create"),
    path("academies/rounds/<int:pk>/criteria/new/", academies.criterion_create,
         name="academy-criterion-create"),
    path("academies/cadres/<int:pk>/interventions/new/", academies.intervention_create,
         name="academy-intervention-create"),
    path("academies/cadres/<int:pk>/attendance/", academies.attendance,
         name="academy-attendance"),
]
