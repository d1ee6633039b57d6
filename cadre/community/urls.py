"""Community pages (namespace ``community``, under /community/); every name is in
config/permissions.py. Each area adds its own block below."""

from django.urls import path  # noqa: F401

app_name = "community"
urlpatterns: list = []

# home (lead): the hub.
from cadre.community.views import home  # noqa: E402

urlpatterns += [path("", home.home, name="home")]

# networks (area 1): communities, members and leads, events, registration, attendance.
from cadre.community.views import networks as networks_views  # noqa: E402

urlpatterns += [
    path("networks/", networks_views.network_list, name="networks"),
    path("networks/new/", networks_views.network_create, name="network-create"),
    path("networks/<int:pk>/", networks_views.network_detail, name="network"),
    path("networks/<int:pk>/edit/", networks_views.network_edit, name="network-edit"),
    path("networks/<int:pk>/close/", networks_views.network_close, name="network-close"),
    path("networks/<int:pk>/join/", networks_views.network_join, name="network-join"),
    path("networks/<int:pk>/leave/", networks_views.network_leave, name="network-leave"),
    path("networks/<int:pk>/members/", networks_views.network_members,
         name="network-members"),
    path("networks/<int:pk>/leads/", networks_views.network_leads, name="network-leads"),
    path("networks/<int:pk>/events/new/", networks_views.event_create, name="event-create"),
    path("events/", networks_views.event_list, name="events"),
    path("events/<int:pk>/", networks_views.event_detail, name="event"),
    path("events/<int:pk>/edit/", networks_views.event_edit, name="event-edit"),
    path("events/<int:pk>/cancel/", networks_views.event_cancel, name="event-cancel"),
    path("events/<int:pk>/register/", networks_views.event_register, name="event-register"),
    path("events/<int:pk>/unregister/", networks_views.event_unregister,
         name="event-unregister"),
    path("events/<int:pk>/attendance/", networks_views.event_attendance,
         name="event-attendance"),
    path("events/<int:pk>/feedback/", networks_views.event_feedback, name="event-feedback"),
    path("events/<int:pk>/feedback/summary/", networks_views.event_feedback_summary,
         name="event-feedback-summary"),
]

# feeds (area 2): iCalendar feeds per community and per person.
from cadre.community.views import feeds  # noqa: E402

urlpatterns += [
    path("calendar/", feeds.calendar, name="feeds"),
    path("calendar/communities/<int:community_id>/", feeds.community_feed,
         name="feed-community"),
    path("calendar/community/<str:key>.ics", feeds.community_ics,
         name="feed-community-ics"),
    path("calendar/personal/<str:token>.ics", feeds.personal_ics, name="feed-personal-ics"),
]

# mentoring (area 3): schemes, sign-up, matching, matches, check-ins, end reviews.
from cadre.community.views import mentoring as mentoring_views  # noqa: E402

urlpatterns += [
    path("mentoring/", mentoring_views.mentoring_home, name="mentoring"),
    path("mentoring/schemes/<int:pk>/", mentoring_views.scheme, name="mentoring-scheme"),
    path("mentoring/schemes/<int:pk>/sign-up/<str:role>/", mentoring_views.signup,
         name="mentoring-signup"),
    path("mentoring/sign-ups/<int:pk>/withdraw/", mentoring_views.signup_withdraw,
         name="mentoring-signup-withdraw"),
    path("mentoring/matches/<int:pk>/", mentoring_views.match, name="mentoring-match"),
    path("mentoring/matches/<int:pk>/check-in/", mentoring_views.check_in,
         name="mentoring-check-in"),
    path("mentoring/matches/<int:pk>/review/", mentoring_views.review,
         name="mentoring-review"),
    path("mentoring/organise/", mentoring_views.manage, name="mentoring-manage"),
    path("mentoring/organise/new/", mentoring_views.scheme_create,
         name="mentoring-scheme-create"),
    path("mentoring/organise/<int:pk>/", mentoring_views.scheme_manage,
         name="mentoring-scheme-manage"),
    path("mentoring/organise/<int:pk>/edit/", mentoring_views.scheme_edit,
         name="mentoring-scheme-edit"),
    path("mentoring/organise/<int:pk>/match/", mentoring_views.scheme_match,
         name="mentoring-scheme-match"),
]

# exchange (area 4): offers, bookings and the credit ledger.
from cadre.community.views import exchange  # noqa: E402

urlpatterns += [
    path("exchange/", exchange.offers, name="exchange"),
    path("exchange/offers/new/", exchange.offer_add, name="exchange-offer-add"),
    path("exchange/offers/<int:pk>/", exchange.offer, name="exchange-offer"),
    path("exchange/offers/<int:pk>/change/", exchange.offer_edit, name="exchange-offer-edit"),
    path("exchange/offers/<int:pk>/withdraw/", exchange.offer_withdraw,
         name="exchange-offer-withdraw"),
    path("exchange/offers/<int:pk>/book/", exchange.offer_book, name="exchange-offer-book"),
    path("exchange/bookings/", exchange.bookings, name="exchange-bookings"),
    path("exchange/bookings/<int:pk>/cancel/", exchange.booking_cancel,
         name="exchange-booking-cancel"),
    path("exchange/bookings/<int:pk>/refund/", exchange.booking_refund,
         name="exchange-booking-refund"),
    path("exchange/balances/", exchange.balances, name="exchange-balances"),
    path("exchange/statement/", exchange.statement, name="exchange-statement"),
    path("exchange/limits/", exchange.limits, name="exchange-limits"),
    path("exchange/limits/<int:pk>/", exchange.limit_edit, name="exchange-limit-edit"),
]

# communications (area 5): stakeholders, channels, audiences, messages.
from cadre.community.views import communications as comms  # noqa: E402

urlpatterns += [
    path("communications/", comms.overview, name="communications"),
    path("communications/stakeholders/", comms.stakeholders,
         name="communications-stakeholders"),
    path("communications/stakeholders/add/", comms.stakeholder_add,
         name="communications-stakeholder-add"),
    path("communications/stakeholders/<int:pk>/change/", comms.stakeholder_edit,
         name="communications-stakeholder-edit"),
    path("communications/channels/", comms.channels, name="communications-channels"),
    path("communications/audiences/", comms.audiences, name="communications-audiences"),
    path("communications/audiences/add/", comms.audience_add,
         name="communications-audience-add"),
    path("communications/audiences/<int:pk>/", comms.audience, name="communications-audience"),
    path("communications/audiences/<int:pk>/change/", comms.audience_edit,
         name="communications-audience-edit"),
    path("communications/messages/", comms.message_list, name="communications-messages"),
    path("communications/messages/add/", comms.message_add,
         name="communications-message-add"),
    path("communications/messages/<int:pk>/", comms.message, name="communications-message"),
    path("communications/messages/<int:pk>/change/", comms.message_edit,
         name="communications-message-edit"),
    path("communications/messages/<int:pk>/versions/<int:number>/", comms.message_version,
         name="communications-message-version"),
    path("communications/messages/<int:pk>/action/", comms.message_action,
         name="communications-message-action"),
    path("communications/unsubscribe/<str:token>/", comms.unsubscribe,
         name="communications-unsubscribe"),
]

# surveys (area 6): perception surveys, responses, results.
from cadre.community.views import surveys as surveys_views  # noqa: E402

urlpatterns += [
    path("surveys/", surveys_views.survey_list, name="surveys"),
    path("surveys/new/", surveys_views.survey_create, name="survey-create"),
    path("surveys/<int:pk>/", surveys_views.survey_detail, name="survey"),
    path("surveys/<int:pk>/edit/", surveys_views.survey_edit, name="survey-edit"),
    path("surveys/<int:pk>/items/new/", surveys_views.item_add, name="survey-item-add"),
    path("surveys/<int:pk>/items/<int:item_pk>/remove/", surveys_views.item_remove,
         name="survey-item-remove"),
    path("surveys/<int:pk>/open/", surveys_views.survey_open, name="survey-open"),
    path("surveys/<int:pk>/close/", surveys_views.survey_close, name="survey-close"),
    path("surveys/<int:pk>/respond/", surveys_views.survey_respond, name="survey-respond"),
    path("surveys/<int:pk>/results/", surveys_views.survey_results, name="survey-results"),
    path("surveys/<int:pk>/change/", surveys_views.survey_change, name="survey-change"),
]

# impact (area 7): participation against capability and progression.
from cadre.community.views import impact as impact_views  # noqa: E402

urlpatterns += [
    path("impact/", impact_views.impact, name="impact"),
    path("impact/download/", impact_views.impact_download, name="impact-download"),
]
