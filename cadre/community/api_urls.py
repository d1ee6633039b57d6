"""Community API (under /api/v1/community/); every name is in config/permissions.py.
Each area adds its own block below."""

from django.urls import path  # noqa: F401

urlpatterns: list = []

# networks (area 1)
from cadre.community.api import networks as networks_api  # noqa: E402

urlpatterns += [
    path("community/networks/", networks_api.network_list, name="community-network-list"),
    path("community/networks/<int:community_id>/", networks_api.network_detail,
         name="community-network-detail"),
    path("community/networks/<int:community_id>/close/", networks_api.network_close,
         name="community-network-close"),
    path("community/networks/<int:community_id>/members/", networks_api.network_members,
         name="community-network-members"),
    path("community/networks/<int:community_id>/members/<int:person_id>/",
         networks_api.network_member, name="community-network-member"),
    path("community/networks/<int:community_id>/leads/", networks_api.network_leads,
         name="community-network-leads"),
    path("community/networks/<int:community_id>/leads/<int:person_id>/",
         networks_api.network_lead, name="community-network-lead"),
    path("community/events/", networks_api.event_list, name="community-event-list"),
    path("community/events/<int:event_id>/", networks_api.event_detail,
         name="community-event-detail"),
    path("community/events/<int:event_id>/cancel/", networks_api.event_cancel,
         name="community-event-cancel"),
    path("community/events/<int:event_id>/registrations/", networks_api.event_registrations,
         name="community-event-registrations"),
    path("community/events/<int:event_id>/registrations/<int:registration_id>/",
         networks_api.event_registration, name="community-event-registration"),
    path("community/events/<int:event_id>/attendance/", networks_api.event_attendance,
         name="community-event-attendance"),
    path("community/events/<int:event_id>/feedback/", networks_api.event_feedback,
         name="community-event-feedback"),
]

# feeds (area 2)
from cadre.community.api import feeds as feeds_api  # noqa: E402

urlpatterns += [
    path("community/calendar/personal/", feeds_api.personal_feed,
         name="community-feed-personal"),
    path("community/calendar/communities/<int:community_id>/", feeds_api.community_feed,
         name="community-feed-community"),
]

# mentoring (area 3)
from cadre.community.api import mentoring as mentoring_api  # noqa: E402

urlpatterns += [
    path("community/mentoring/schemes/", mentoring_api.scheme_list,
         name="community-mentoring-scheme-list"),
    path("community/mentoring/schemes/<int:pk>/", mentoring_api.scheme_detail,
         name="community-mentoring-scheme-detail"),
    path("community/mentoring/schemes/<int:pk>/status/", mentoring_api.scheme_status,
         name="community-mentoring-scheme-status"),
    path("community/mentoring/schemes/<int:pk>/match/", mentoring_api.match_run,
         name="community-mentoring-match-run"),
    path("community/mentoring/sign-ups/", mentoring_api.signup_list,
         name="community-mentoring-signup-list"),
    path("community/mentoring/matches/", mentoring_api.match_list,
         name="community-mentoring-match-list"),
    path("community/mentoring/matches/<int:pk>/response/", mentoring_api.match_response,
         name="community-mentoring-match-response"),
    path("community/mentoring/matches/<int:pk>/check-ins/", mentoring_api.match_check_ins,
         name="community-mentoring-match-check-ins"),
    path("community/mentoring/matches/<int:pk>/review/", mentoring_api.match_review,
         name="community-mentoring-match-review"),
]

# exchange (area 4)
from cadre.community.api import exchange as exchange_api  # noqa: E402

urlpatterns += [
    path("community/exchange/balances/", exchange_api.balances,
         name="community-exchange-balances"),
    path("community/exchange/offers/", exchange_api.offers, name="community-exchange-offers"),
    path("community/exchange/offers/<int:pk>/", exchange_api.offer,
         name="community-exchange-offer"),
    path("community/exchange/offers/<int:pk>/withdraw/", exchange_api.offer_withdraw,
         name="community-exchange-offer-withdraw"),
    path("community/exchange/offers/<int:pk>/bookings/", exchange_api.offer_bookings,
         name="community-exchange-offer-bookings"),
    path("community/exchange/bookings/", exchange_api.bookings,
         name="community-exchange-bookings"),
    path("community/exchange/bookings/<int:pk>/", exchange_api.booking,
         name="community-exchange-booking"),
    path("community/exchange/bookings/<int:pk>/cancel/", exchange_api.booking_cancel,
         name="community-exchange-booking-cancel"),
    path("community/exchange/bookings/<int:pk>/refund/", exchange_api.booking_refund,
         name="community-exchange-booking-refund"),
    path("community/exchange/statement/", exchange_api.statement,
         name="community-exchange-statement"),
    path("community/exchange/limits/", exchange_api.limits, name="community-exchange-limits"),
    path("community/exchange/limits/<int:organisation_id>/", exchange_api.limit,
         name="community-exchange-limit"),
]

# communications (area 5)
from cadre.community.api import communications as comms_api  # noqa: E402

urlpatterns += [
    path("community/stakeholders/", comms_api.stakeholder_list,
         name="community-stakeholder-list"),
    path("community/stakeholders/<int:pk>/", comms_api.stakeholder_detail,
         name="community-stakeholder-detail"),
    path("community/channels/", comms_api.channel_list, name="community-channel-list"),
    path("community/audiences/", comms_api.audience_list, name="community-audience-list"),
    path("community/audiences/<int:pk>/", comms_api.audience_detail,
         name="community-audience-detail"),
    path("community/messages/", comms_api.message_list, name="community-message-list"),
    path("community/messages/<int:pk>/", comms_api.message_detail,
         name="community-message-detail"),
    path("community/messages/<int:pk>/versions/", comms_api.message_versions,
         name="community-message-versions"),
    path("community/messages/<int:pk>/transition/", comms_api.message_transition,
         name="community-message-transition"),
    path("community/messages/<int:pk>/figures/", comms_api.message_figures,
         name="community-message-figures"),
]

# surveys (area 6)
from cadre.community.api import surveys as surveys_api  # noqa: E402

urlpatterns += [
    path("community/surveys/", surveys_api.survey_list, name="community-survey-list"),
    path("community/surveys/<int:pk>/", surveys_api.survey_detail,
         name="community-survey-detail"),
    path("community/surveys/<int:pk>/items/", surveys_api.survey_items,
         name="community-survey-items"),
    path("community/surveys/<int:pk>/open/", surveys_api.survey_open,
         name="community-survey-open"),
    path("community/surveys/<int:pk>/close/", surveys_api.survey_close,
         name="community-survey-close"),
    path("community/surveys/<int:pk>/responses/", surveys_api.survey_responses,
         name="community-survey-responses"),
    path("community/surveys/<int:pk>/results/", surveys_api.survey_results,
         name="community-survey-results"),
    path("community/surveys/<int:pk>/change/", surveys_api.survey_change,
         name="community-survey-change"),
]

# impact (area 7)
from cadre.community.api import impact as impact_api  # noqa: E402

urlpatterns += [
    path("community/impact/", impact_api.impact, name="community-impact"),
]
