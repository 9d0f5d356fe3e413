"""schema.org JSON-LD, embedded safely in a page, and the descriptions that several pages share.

Each public detail page carries one `<script type="application/ld+json">` block: projects
(planet/projects/models.py), stories, events and challenges (their apps' presenters) build
theirs; organisations, public profiles, Open Campus resources and learning opportunities and
the SDG goal pages get theirs from the functions below, through the `jsonld` template tags.
SDG goals and targets are always DefinedTerms identified by their UN URIs
(http://metadata.un.org/sdg/4.7). Nothing is described that an anonymous visitor may not see.
"""

import json

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils.safestring import mark_safe

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

CONTEXT = "https://schema.org"
SDG_SET = {
    "@type": "DefinedTermSet",
    "@id": "http://metadata.un.org/sdg/",
    "name": "Sustainable Development Goals",
}
# schema.org types of the kinds of organisation that have one; the others are Organizations.
ORGANISATION_TYPES = {
    "school": "School",
    "university": "CollegeOrUniversity",
    "company": "Corporation",
    "ngo": "NGO",
    "state": "GovernmentOrganization",
}
LICENCE_URLS = {
    "cc-by": "https://creativecommons.org/licenses/by/4.0/",
    "cc-by-sa": "https://creativecommons.org/licenses/by-sa/4.0/",
    "cc-by-nc": "https://creativecommons.org/licenses/by-nc/4.0/",
    "cc0": "https://creativecommons.org/publicdomain/zero/1.0/",
}


def json_ld_script(data: dict):
    """A <script type="application/ld+json"> block; markup in values cannot close it."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


def absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


def sdg_term(goal_or_target) -> dict:
    """A goal or a target as a DefinedTerm identified by its UN URI."""
    texts = getattr(goal_or_target, "short_names", None) or goal_or_target.titles
    return {
        "@type": "DefinedTerm",
        "@id": goal_or_target.uri,
        "sameAs": goal_or_target.uri,
        "termCode": goal_or_target.code,
        "name": texts.get("en", ""),
        "inDefinedTermSet": SDG_SET,
    }


def sdg_terms(goals, targets=()) -> list[dict]:
    return [sdg_term(item) for item in [*goals, *targets]]


def _reference(kind: str, name: str, url: str) -> dict:
    return {"@type": kind, "name": name, "url": absolute(url)}


def _address(*, country: str | None, city: str = "") -> dict:
    address = {"@type": "PostalAddress"}
    if city:
        address["addressLocality"] = city
    if country:
        address["addressCountry"] = country
    return address


def organisation_ref(organisation) -> dict:
    return _reference("Organization", organisation.name, organisation.get_absolute_url())


def organisation(organisation) -> dict | None:
    """Organization (or its schema.org subtype) of an organisation that is not hidden."""
    if organisation.is_hidden:
        return None
    url = absolute(organisation.get_absolute_url())
    data = {
        "@context": CONTEXT,
        "@type": ORGANISATION_TYPES.get(organisation.kind, "Organization"),
        "@id": url,
        "url": url,
        "name": organisation.name,
        "description": organisation.description,
    }
    if organisation.website:
        data["sameAs"] = organisation.website
    if organisation.logo:
        data["logo"] = absolute(organisation.logo.url)
    if organisation.country:
        data["address"] = _address(country=organisation.country.code)
    return data


def person(profile) -> dict | None:
    """Person of a public profile, only if its owner shows their bio and picture to everyone
    (the profile's "about" group), and with only the groups of fields they show to everyone:
    what an anonymous visitor sees, whoever looks at the page."""
    public = profile.visible_groups(AnonymousUser())
    if profile.is_hidden or not profile.user.is_active or "about" not in public:
        return None
    url = absolute(profile.get_absolute_url())
    data = {"@context": CONTEXT, "@type": "Person", "@id": url, "url": url}
    data["name"] = profile.display_name
    if profile.bio:
        data["description"] = profile.bio
    if profile.avatar:
        data["image"] = absolute(profile.avatar.url)
    if "location" in public and (profile.city or profile.country):
        data["address"] = _address(country=profile.country.code, city=profile.city)
    if "interests" in public:
        data["knowsLanguage"] = list(profile.languages)
        data["knowsAbout"] = [*profile.skills, *sdg_terms(profile.sdgs.all())]
    return data


def _published(entry) -> bool:
    return entry.is_published and not entry.is_hidden and entry.published_at is not None


def resource(resource, goals=()) -> dict | None:
    """LearningResource of a published Open Campus resource; `url` is the resource itself."""
    if not _published(resource):
        return None
    page = absolute(resource.get_absolute_url())
    data = {
        "@context": CONTEXT,
        "@type": "LearningResource",
        "@id": page,
        "mainEntityOfPage": page,
        "url": resource.link,
        "name": resource.title,
        "description": resource.summary,
        "learningResourceType": resource.get_type_display(),
        "inLanguage": list(resource.languages),
        "audience": [
            {"@type": "EducationalAudience", "educationalRole": str(label)}
            for label in resource.audience_labels()
        ],
        "isAccessibleForFree": resource.cost == "free",
        "datePublished": resource.published_at.isoformat(),
        "dateModified": resource.updated_at.isoformat(),
        "about": sdg_terms(goals),
    }
    if resource.licence in LICENCE_URLS:
        data["license"] = LICENCE_URLS[resource.licence]
    if resource.organisation_id:
        data["provider"] = organisation_ref(resource.organisation)
    return data


def opportunity(opportunity, goals=()) -> dict | None:
    """EducationEvent of a published learning opportunity (course, internship, ...)."""
    if not _published(opportunity):
        return None
    url = absolute(opportunity.get_absolute_url())
    data = {
        "@context": CONTEXT,
        "@type": "EducationEvent",
        "@id": url,
        "url": url,
        "name": opportunity.title,
        "description": opportunity.summary,
        "startDate": opportunity.starts_on.isoformat(),
        "eventAttendanceMode": _attendance_mode(opportunity),
        "location": _opportunity_places(opportunity),
        "about": sdg_terms(goals),
    }
    if opportunity.ends_on:
        data["endDate"] = opportunity.ends_on.isoformat()
    if opportunity.organisation_id:
        data["organizer"] = organisation_ref(opportunity.organisation)
    return data


def _attendance_mode(opportunity) -> str:
    if opportunity.online and opportunity.place_name:
        mode = "MixedEventAttendanceMode"
    elif opportunity.online:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    return "https://schema.org/" + mode


def _opportunity_places(opportunity) -> list[dict]:
    places = []
    if opportunity.place_name:
        place = {"@type": "Place", "name": opportunity.place_name}
        if opportunity.country:
            place["address"] = _address(country=opportunity.country.code)
        if opportunity.latitude is not None and opportunity.longitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": opportunity.latitude,
                "longitude": opportunity.longitude,
            }
        places.append(place)
    if opportunity.online:
        places.append({"@type": "VirtualLocation", "name": "Online"})
    return places


def consultation(consultation) -> dict | None:
    """Question of a published youth consultation: the question put to young people, open
    from `datePublished` until `expires`, by its organiser."""
    if consultation.status != "published" or consultation.is_hidden:
        return None
    page = absolute(consultation.get_absolute_url())
    data = {
        "@context": CONTEXT,
        "@type": "Question",
        "@id": page,
        "url": page,
        "name": consultation.title,
        "text": consultation.context,
        "inLanguage": consultation.content_language,
        "datePublished": consultation.opens_at.isoformat(),
        "expires": consultation.closes_at.isoformat(),
        "about": sdg_terms(consultation.goals.all()),
    }
    if consultation.organisation_id:
        data["publisher"] = organisation_ref(consultation.organisation)
    return data


def goal_page(goal) -> dict:
    """The page of an SDG goal: about the goal, mentioning its targets, by their UN URIs."""
    url = absolute(goal.get_absolute_url())
    return {
        "@context": CONTEXT,
        "@type": "WebPage",
        "@id": url,
        "url": url,
        "name": f"Goal {goal.number}: {goal.short_names.get('en', '')}",
        "description": goal.titles.get("en", ""),
        "about": sdg_term(goal),
        "mentions": sdg_terms(goal.targets.all()),
    }
