# Owned by the team/curation work.
from django.http import HttpResponse


def review_queue(request):
    return HttpResponse("")


def transition(request, slug, action):
    return HttpResponse("")
