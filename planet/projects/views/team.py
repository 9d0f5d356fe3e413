# Owned by the team/curation work.
from django.http import HttpResponse


def invitation(request, token):
    return HttpResponse("")


def team_manage(request, slug):
    return HttpResponse("")


def join_request(request, slug):
    return HttpResponse("")


def leave(request, slug):
    return HttpResponse("")
