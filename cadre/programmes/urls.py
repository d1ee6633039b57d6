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
    path("academies/", academies.academies, name="academies"),
    path("academies/<int:pk>/", academies.academy_detail, name="academy"),
    path("academies/rounds/<int:pk>/", academies.round_detail, name="academy-round"),
    path("academies/candidates/<int:pk>/", academies.candidate_detail,
         name="academy-candidate"),
    path("academies/cadres/<int:pk>/", academies.cadre_detail, name="academy-cadre"),
]
