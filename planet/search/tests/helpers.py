from conftest import client_for


def search(user, **params):
    """GET the results page as `user`; return the response."""
    response = client_for(user).get("/search/", params)
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    found = response.context["found"]
    return [hit.display_title for hit in found.page.object_list] if found else []


def facet(response, name) -> dict[str, int]:
    found = response.context["found"]
    return {o.value: o.count for f in found.facets if f.name == name for o in f.options}


def suggestions(user, q) -> str:
    response = client_for(user).get("/search/suggest/", {"q": q})
    assert response.status_code == 200
    return response.content.decode()
