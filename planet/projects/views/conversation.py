# Owned by the conversation work: updates, comments, follows, needs.
from django.http import HttpResponse


def update_create(request, slug):
    return HttpResponse("")


def comment_create(request, slug):
    return HttpResponse("")


def comment_edit(request, slug, pk):
    return HttpResponse("")


def comment_delete(request, slug, pk):
    return HttpResponse("")


def follow(request, slug):
    return HttpResponse("")


def needs_manage(request, slug):
    return HttpResponse("")


def offer_help(request, slug, pk):
    return HttpResponse("")
