"""A member answers half a round, leaves, comes back, finishes, and reads the scores beside
the previous round's; the autosave answers in JSON; bad input gets words, not a 500."""

from __future__ import annotations

import pytest

from assessments.services import answers_save, round_start
from assessments.toolkit import DIMENSIONS

from ..factories import agency, all_answers

pytestmark = pytest.mark.django_db


def _post_dimension(client, url, dimension, level, **extra):
    data = {"dimension": dimension.key, **{q.key: str(level) for q in dimension.questions}, **extra}
    return client.post(url, data)


def test_half_a_round_then_the_rest_then_the_scores(client):
    workspace, admin = agency("Round agency")
    client.force_login(admin)
    base = f"/en/workspaces/{workspace.slug}/readiness/"
    response = client.post(base + "start/")
    assert response.status_code == 302 and response["Location"].endswith("/readiness/1/")
    round_url = base + "1/"
    for dimension in DIMENSIONS[:3]:
        response = _post_dimension(client, round_url, dimension, 2, save_next="1")
        assert response.status_code == 302
    # Back later: the page opens on the first dimension not answered, the others kept.
    page = client.get(round_url).text
    assert "12 of 24 questions answered." in page and f'value="{DIMENSIONS[3].key}"' in page
    page = client.get(round_url, {"dimension": "governance"}).text
    assert page.count('value="2" checked') == 4 or page.count("checked") >= 4
    for dimension in DIMENSIONS[3:]:
        response = _post_dimension(client, round_url, dimension, 3)
    assert response["Location"].endswith("/readiness/1/results/")
    results = client.get(base + "1/results/").text
    assert "Overall score: 63%" in results  # three dimensions at 50, three at 75
    # A second round, compared with the first.
    client.post(base + "start/")
    for dimension in DIMENSIONS:
        _post_dimension(client, base + "2/", dimension, 4)
    results = client.get(base + "2/results/").text
    assert "Compared with round 1" in results and "+50" in results and "+25" in results
    dashboard = client.get(f"/en/workspaces/{workspace.slug}/").text
    assert "round 1: 50%" in dashboard and "Overall score: 100%" in dashboard


def test_the_questionnaire_in_french(client):
    workspace, admin = agency()
    round_start(workspace=workspace, by=admin)
    client.force_login(admin)
    page = client.get(f"/fr/workspaces/{workspace.slug}/readiness/1/").text
    assert "Gouvernance" in page and "Pas commencé" in page and "0 questions sur 24 répondues." in page


def test_the_autosave_answers_json(client):
    workspace, admin = agency()
    round_start(workspace=workspace, by=admin)
    client.force_login(admin)
    url = f"/en/workspaces/{workspace.slug}/readiness/1/"
    answer = client.post(url, {"dimension": "data", "data.basis": "3"}, headers={"Accept": "application/json"}).json()
    assert answer == {"saved": 1, "answered": 1, "complete": False}
    bad = client.post(url, {"dimension": "data", "data.basis": "9"}, headers={"Accept": "application/json"})
    assert bad.status_code == 400 and bad.json()["error"]
    page = client.post(url, {"dimension": "data", "data.basis": "9"})
    assert page.status_code == 200 and "Select a valid choice" in page.text


def test_a_complete_round_is_read_only(client):
    workspace, admin = agency()
    round = answers_save(round=round_start(workspace=workspace, by=admin), by=admin, answers=all_answers())
    client.force_login(admin)
    url = f"/en/workspaces/{workspace.slug}/readiness/{round.number}/"
    assert "can be read, not changed" in client.get(url).text
    response = _post_dimension(client, url, DIMENSIONS[0], 0)
    assert "can no longer change" in response.text
    assert round.answers.filter(level=0).count() == 0


def test_starting_a_round_while_one_is_open_says_why(client):
    workspace, admin = agency()
    round_start(workspace=workspace, by=admin)
    client.force_login(admin)
    response = client.post(f"/en/workspaces/{workspace.slug}/readiness/start/", follow=True)
    assert "A round is still open" in response.text and workspace.rounds.count() == 1


def test_a_dimension_not_yet_answered_says_so_on_the_dashboard(client):
    workspace, admin = agency()
    round = round_start(workspace=workspace, by=admin)
    answers_save(round=round, by=admin, answers={"data.basis": {"level": 4}})
    client.force_login(admin)
    page = client.get(f"/en/workspaces/{workspace.slug}/").text
    assert "100% (1 of 4 answered)" in page and "0 of 4 questions answered" in page and "—%" not in page
