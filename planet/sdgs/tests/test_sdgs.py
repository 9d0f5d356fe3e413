import pytest
from django.utils import translation

from planet.sdgs.loader import LANGUAGE_FOLDERS, read_sdg_data
from planet.sdgs.models import Goal, Target

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", LANGUAGE_FOLDERS)
def test_17_goals_and_169_targets_load_in_each_language(language):
    assert Goal.objects.count() == 17
    assert Target.objects.count() == 169
    with translation.override(language):
        for goal in Goal.objects.all():
            assert goal.short_names[language].strip()
            assert goal.titles[language].strip()
            assert goal.title == goal.titles[language]
        assert all(target.titles[language].strip() for target in Target.objects.all())


def test_shipped_data_is_complete_and_ordered():
    goals, targets = read_sdg_data()
    assert [goal["number"] for goal in goals] == list(range(1, 18))
    codes = [target["code"] for target in targets if target["goal"] == 4]
    assert codes == ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.a", "4.b", "4.c"]
    assert "17.19" in {target["code"] for target in targets}


def test_goal_page_shows_title_targets_colour_and_uri(client):
    response = client.get("/sdg/4/", HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Quality education" in page
    assert "Ensure inclusive and equitable quality education" in page
    assert 'id="target-4.7"' in page and 'id="target-4.a"' in page
    assert "#C5192D" in page
    assert "http://metadata.un.org/sdg/4" in page
    assert "http://metadata.un.org/sdg/4.7" in page


def test_goal_page_follows_the_interface_language(client):
    page = client.get("/sdg/4/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Éducation de qualité" in page
    page = client.get("/sdg/4/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'dir="rtl"' in page
    assert Goal.objects.get(number=4).short_names["ar"] in page


def test_tiles_are_named_for_screen_readers(client):
    page = client.get("/sdg/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert page.count('class="sdg-tile sdg-') == 17
    assert 'aria-label="Goal 13: Climate action"' in page


@pytest.mark.parametrize("number", [0, 18])
def test_unknown_goal_is_404(client, number):
    assert client.get(f"/sdg/{number}/").status_code == 404


def test_goal_page_query_count_is_fixed(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get("/sdg/17/")  # 19 targets, same queries as goal 4's 10


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_every_tile_has_wcag_aa_contrast_and_the_official_colour():
    import re

    from django.conf import settings

    css = (settings.BASE_DIR / "static" / "css" / "sdg.css").read_text()
    rules = re.findall(r"\.sdg-(\d+) \{ --sdg-colour: (#\w{6}); --sdg-text: (#\w{6}); \}", css)
    assert len(rules) == 17
    official = {goal.number: goal.colour.upper() for goal in Goal.objects.all()}
    for number, background, text in rules:
        assert background.upper() == official[int(number)]
        light, dark = sorted([_luminance(background), _luminance(text)], reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, f"goal {number}"
