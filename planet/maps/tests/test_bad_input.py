"""Bad query parameters give a clear JSON error naming the field, never a server error."""

import pytest

from conftest import client_for

URL = "/map/geojson"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"bbox": "a,b,c,d"}, "bbox"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "1,2,3,4,5"}, "bbox"),
        ({"bbox": "1,,3,4"}, "bbox"),
        ({"bbox": "nan,0,1,1"}, "bbox"),
        ({"bbox": "-inf,0,1,1"}, "bbox"),
        ({"bbox": "1e400,0,1,1"}, "bbox"),
        ({"bbox": "-181,0,10,10"}, "bbox"),
        ({"bbox": "0,0,190,10"}, "bbox"),
        ({"bbox": "0,-91,10,10"}, "bbox"),
        ({"bbox": "0,0,10,95"}, "bbox"),
        ({"bbox": "0,10,10,-10"}, "bbox"),  # south above north
        ({"bbox": "1," * 3000 + "1"}, "bbox"),
        ({"zoom": "-1"}, "zoom"),
        ({"zoom": "23"}, "zoom"),
        ({"zoom": "three"}, "zoom"),
        ({"goal": "18"}, "goal"),
        ({"goal": "0"}, "goal"),
        ({"goal": "climate"}, "goal"),
        ({"type": "spaceship"}, "type"),
        ({"bbox": "x", "zoom": "99", "goal": "99"}, "bbox"),
    ],
)
def test_bad_parameters_get_a_400_naming_the_field(db, params, field):
    response = client_for(None).get(URL, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["field"] == field
    assert isinstance(body["error"], str) and body["error"]


def test_messages_say_what_is_wrong(db):
    client = client_for(None)
    assert "four numbers" in client.get(URL, {"bbox": "a,b,c,d"}).json()["error"]
    assert "south" in client.get(URL, {"bbox": "0,10,10,-10"}).json()["error"]


def test_bad_filters_on_the_page_are_ignored_not_fatal(db):
    response = client_for(None).get("/map/", {"goal": "99", "type": "spaceship", "page": "x"})
    assert response.status_code == 200
    assert "Some filters were not understood" in response.content.decode()
