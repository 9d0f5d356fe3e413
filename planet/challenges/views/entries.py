"""Placeholder until written: every view answers 404."""

from django.http import Http404


def my_entries(request, *args, **kwargs):
    raise Http404


def entry_create(request, *args, **kwargs):
    raise Http404


def entry_detail(request, *args, **kwargs):
    raise Http404


def entry_edit(request, *args, **kwargs):
    raise Http404


def entry_withdraw(request, *args, **kwargs):
    raise Http404


def vote(request, *args, **kwargs):
    raise Http404


def voting(request, *args, **kwargs):
    raise Http404
