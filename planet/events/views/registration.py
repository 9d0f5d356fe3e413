"""Placeholder until written: every view answers 404."""

from django.http import Http404


def my_events(request, *args, **kwargs):
    raise Http404


def register(request, *args, **kwargs):
    raise Http404


def unregister(request, *args, **kwargs):
    raise Http404


def attendees(request, *args, **kwargs):
    raise Http404


def attendees_csv(request, *args, **kwargs):
    raise Http404


def message_attendees(request, *args, **kwargs):
    raise Http404
