from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from planet.orgs.models import Organisation


def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.all()
    return render(request, "orgs/list.html", {"organisations": organisations})


@login_required
def my_organisations(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.of_user(request.user)
    return render(request, "orgs/list.html", {"organisations": organisations})


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    return render(request, "orgs/detail.html", {"organisation": organisation})
