"""`{% load jsonld %}`: the schema.org JSON-LD block of a detail page, built by planet/lib/jsonld.py
from what the page already has, or nothing when the item is not public."""

from django import template

from planet.lib import jsonld

register = template.Library()


def _script(data: dict | None) -> str:
    return jsonld.json_ld_script(data) if data else ""


@register.simple_tag
def organisation_json_ld(organisation):
    return _script(jsonld.organisation(organisation))


@register.simple_tag
def person_json_ld(profile):
    return _script(jsonld.person(profile))


@register.simple_tag
def resource_json_ld(resource, goals=()):
    return _script(jsonld.resource(resource, goals))


@register.simple_tag
def opportunity_json_ld(opportunity, goals=()):
    return _script(jsonld.opportunity(opportunity, goals))


@register.simple_tag
def goal_json_ld(goal):
    return _script(jsonld.goal_page(goal))


@register.simple_tag
def consultation_json_ld(consultation):
    return _script(jsonld.consultation(consultation))
