"""Placeholder until written: every view answers 404."""

from django.http import Http404


def challenge_list(request, *args, **kwargs):
    raise Http404


def challenge_create(request, *args, **kwargs):
    raise Http404


def challenge_detail(request, *args, **kwargs):
    raise Http404


def challenge_edit(request, *args, **kwargs):
    raise Http404


def challenge_publish(request, *args, **kwargs):
    raise Http404


def questions(request, *args, **kwargs):
    raise Http404


def question_edit(request, *args, **kwargs):
    raise Http404


def question_delete(request, *args, **kwargs):
    raise Http404


def question_move(request, *args, **kwargs):
    raise Http404
