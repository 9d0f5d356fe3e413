"""Placeholder until written: every view answers 404."""

from django.http import Http404


def personal_calendar_reset(request, *args, **kwargs):
    raise Http404


def personal_calendar(request, *args, **kwargs):
    raise Http404


def festival_calendar(request, *args, **kwargs):
    raise Http404


def organisation_calendar(request, *args, **kwargs):
    raise Http404


def sdg_calendar(request, *args, **kwargs):
    raise Http404


def event_calendar(request, *args, **kwargs):
    raise Http404
