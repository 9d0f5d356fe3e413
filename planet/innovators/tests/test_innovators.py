import pytest

from conftest import client_for, make_user
from planet.innovators.models import Innovator

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/innovators/innovator/add/"


@pytest.fixture
def person(db):
    return make_user("kenji@example.org", "Kenji Watanabe")


def test_a_curator_features_a_person_and_is_recorded(curator, person):
    client = client_for(curator)
    assert client.get(ADD_URL).status_code == 200
    data = {"user": person.pk, "quote": "Every river is a classroom.", "position": 1}
    response = client.post(ADD_URL, data)
    assert response.status_code == 302
    innovator = Innovator.objects.get()
    assert innovator.user == person and innovator.featured_by == curator
    assert str(innovator) == "Kenji Watanabe"
    assert client.get("/").content.decode().count("Every river is a classroom.") == 1


def test_a_curator_edits_and_removes_an_innovator(curator, person):
    innovator = Innovator.objects.create(user=person, quote="Before")
    client = client_for(curator)
    url = f"/admin/innovators/innovator/{innovator.pk}/change/"
    response = client.post(url, {"user": person.pk, "quote": "After", "position": 0})
    assert response.status_code == 302
    innovator.refresh_from_db()
    assert innovator.quote == "After"
    client.post(f"/admin/innovators/innovator/{innovator.pk}/delete/", {"post": "yes"})
    assert not Innovator.objects.exists()


def test_a_quote_longer_than_300_characters_is_refused(curator, person):
    response = client_for(curator).post(
        ADD_URL, {"user": person.pk, "quote": "x" * 301, "position": 0}
    )
    assert response.status_code == 200
    assert "at most 300 characters" in response.content.decode()
    assert not Innovator.objects.exists()


def test_a_person_is_featured_once(curator, person):
    Innovator.objects.create(user=person, quote="First")
    response = client_for(curator).post(ADD_URL, {"user": person.pk, "quote": "Again"})
    assert response.status_code == 200
    assert Innovator.objects.count() == 1


@pytest.mark.parametrize("user_name", ["anonymous", "outsider", "member", "org_admin"])
def test_others_cannot_feature_people(request, user_name, person):
    user = request.getfixturevalue(user_name)
    response = client_for(user).post(ADD_URL, {"user": person.pk, "quote": "Sneaky"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not Innovator.objects.exists()


def test_staff_who_are_not_curators_cannot_feature_people(person):
    staff = make_user("staff@example.org", "Stan Staff", is_staff=True)
    response = client_for(staff).post(ADD_URL, {"user": person.pk, "quote": "Sneaky"})
    assert response.status_code == 403
    assert not Innovator.objects.exists()


def test_innovators_are_shown_in_the_curators_order(anonymous, person):
    other = make_user("zanele@example.org", "Zanele Mokoena")
    Innovator.objects.create(user=person, quote="Second", position=2)
    Innovator.objects.create(user=other, quote="First", position=1)
    assert [i.quote for i in Innovator.objects.shown()] == ["First", "Second"]
    page = client_for(anonymous).get("/").content.decode()
    assert page.index("First") < page.index("Second")
