"""A little public data for the Schemathesis run, and the OpenAPI description rewritten so that
its path parameters carry examples naming these items (the examples phase then reaches real
items instead of only 404s)."""

import copy

from conftest import make_organisation, make_user
from planet.accounts.models import Visibility
from planet.apikeys.models import PersonalToken, Scope
from planet.campus.tests.factories import make_opportunity, make_resource
from planet.challenges.tests.factories import make_challenge
from planet.consultations.tests.factories import make_consultation, make_proposal
from planet.events.tests.factories import add_to_festival, make_event, make_festival
from planet.projects.tests.factories import add_location, make_project
from planet.stories.tests.factories import make_story

# By the first segment of the path after /api/v1/: path parameter values naming items that
# seed_public_data() creates (slugs come from the titles).
EXAMPLES: dict[str, dict[str, object]] = {
    "projects": {"slug": "rivers-as-classrooms"},
    "organisations": {"slug": "fuzz-academy"},
    "people": {"handle": "fia-fuzz"},
    "sdgs": {"number": 4, "code": "4.7"},
    "challenges": {"slug": "the-little-prince-is-back"},
    "events": {"slug": "repair-cafe-for-climate"},
    "festivals": {"slug": "festival-of-learning-2027"},
    "stories": {"slug": "rivers-we-measured"},
    "resources": {"slug": "climate-fresk-toolkit"},
    "learning-opportunities": {"slug": "summer-school-on-water"},
    "consultations": {"slug": "how-should-your-school-act-for-the-climate"},
}


def seed_public_data() -> str:
    """Create one public item of each kind named in EXAMPLES, owned by a member; return that
    member's read-write token."""
    member = make_user("fuzz@example.org", "Fia Fuzz")
    profile = member.profile
    profile.handle = "fia-fuzz"
    profile.bio, profile.city, profile.country = "I test APIs.", "Dakar", "SN"
    profile.location_visibility = Visibility.PUBLIC
    profile.save()
    organisation = make_organisation("Fuzz Academy", admin=member, country="SN")
    project = make_project(member, title="Rivers as classrooms")
    add_location(project)
    project.organisations.add(organisation)
    festival = make_festival()
    event = add_to_festival(make_event(member), festival)
    consultation = make_consultation(member)
    make_proposal(consultation, member)
    slugs = {
        "projects": project.slug,
        "organisations": organisation.slug,
        "people": profile.handle,
        "challenges": make_challenge(member, organisation=organisation).slug,
        "events": event.slug,
        "festivals": festival.slug,
        "stories": make_story(member, title="Rivers we measured").slug,
        "resources": make_resource(member).slug,
        "learning-opportunities": make_opportunity(member).slug,
        "consultations": consultation.slug,
    }
    for section, slug in slugs.items():
        assert slug in EXAMPLES[section].values(), f"{section}: {slug} is not in EXAMPLES"
    _, token = PersonalToken.issue(member, name="fuzz", scope=Scope.READ_WRITE)
    return token


def with_examples(description: dict) -> dict:
    """A copy of the OpenAPI `description` whose path parameters have an example from
    EXAMPLES (by the section of the path and the parameter's name)."""
    description = copy.deepcopy(description)
    for path, operations in description["paths"].items():
        section = path.removeprefix("/api/v1/").split("/")[0]
        values = EXAMPLES.get(section, {})
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                value = values.get(parameter["name"])
                if parameter["in"] == "path" and value is not None:
                    parameter["example"] = value
    return description
