"""Placeholder until written: every view answers 404."""

from django.http import Http404


def festival_home(request, *args, **kwargs):
    raise Http404


def festival_create(request, *args, **kwargs):
    raise Http404


def festival_edition(request, *args, **kwargs):
    raise Http404


def festival_edit(request, *args, **kwargs):
    raise Http404


def propose(request, *args, **kwargs):
    raise Http404


def review_queue(request, *args, **kwargs):
    raise Http404


def decide(request, *args, **kwargs):
    raise Http404
