import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/", "/sdg/", "/sdg/4/", "/orgs/", "/accounts/signup/", "/accounts/login/"]
)
def test_public_pages_render(client, url):
    assert client.get(url).status_code == 200
