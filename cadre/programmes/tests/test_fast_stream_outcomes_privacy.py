"""Who sees the Fast Stream's set-up, reviews, outcomes and retention: outsiders get
nothing; the fast streamer reads their own posting's review but cannot write it."""

from __future__ import annotations

import pytest

from cadre.access.roles import Role
from cadre.programmes import services
from cadre.programmes.models import Posting, PostingReview
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(fast_stream, central):  # noqa: ANN001, ANN201
    fs = fast_stream
    services.set_preferences(actor=None, round_=fs.round, fast_streamer=fs.a_streamer,
                             offers=[fs.data])
    services.allocate_round(actor=central, round_=fs.round)
    services.transition_round(actor=central, round_id=fs.round.pk, action="publish")
    posting = Posting.objects.get(fast_streamer=fs.a_streamer)
    services.review_posting(actor=central, posting=posting, rating=3, comments="Private words")
    return {"posting": posting.pk, "intake": fs.a_streamer.intake_id,
            "streamer": fs.a_streamer.pk}


CENTRAL_PAGES = [
    "/programmes/fast-stream/schemes/",
    "/programmes/fast-stream/intakes/{intake}/",
    "/programmes/fast-stream/outcomes/",
    "/api/v1/programmes/fast-stream/retention/",
]
REVIEW = "/api/v1/programmes/postings/{posting}/review/"
OUTCOME = "/api/v1/programmes/fast-streamers/{streamer}/outcome/"


@pytest.fixture(params=["peer", "head of profession elsewhere", "analyst", "fast streamer"])
def outsider(request, people, make_account):  # noqa: ANN001, ANN201
    return {
        "peer": lambda: make_account(person=people.a_staff2),
        "head of profession elsewhere": lambda: make_account(
            Role.HEAD_OF_PROFESSION, OrganisationFactory(name="Department D",
                                                         abbreviation="DD")),
        "analyst": lambda: make_account(Role.ANALYST),
        "fast streamer": lambda: make_account(person=people.a_staff1),
    }[request.param]()


def test_outsiders_get_nothing(reviewed, outsider, request, web_client,
                               api_client) -> None:  # noqa: ANN001
    web, api = web_client(outsider), api_client(outsider)
    for url in CENTRAL_PAGES:
        client = api if url.startswith("/api/") else web
        response = client.get(url.format(**reviewed))
        assert response.status_code in (403, 404), url
        assert "Private words" not in response.content.decode()
    assert api.post(OUTCOME.format(**reviewed), {"outcome": "completed", "on": "2029-09-01"},
                    format="json").status_code in (403, 404)
    put = api.put(REVIEW.format(**reviewed), {"rating": 1}, format="json")
    assert put.status_code in (403, 404)
    got = api.get(REVIEW.format(**reviewed))
    is_streamer = "fast streamer" in request.node.callspec.id
    if is_streamer:  # their own posting: they read the review
        assert got.status_code == 200 and got.json()["comments"] == "Private words"
    else:
        assert got.status_code in (403, 404) and "Private words" not in got.content.decode()
    assert PostingReview.objects.get().rating == 3


def test_signed_out_get_nothing(reviewed, client) -> None:  # noqa: ANN001
    for url in [*CENTRAL_PAGES, REVIEW, OUTCOME]:
        response = client.get(url.format(**reviewed))
        assert response.status_code in (302, 401, 403, 404, 405), url
