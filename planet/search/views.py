from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from planet.search import results
from planet.search.forms import SearchForm


def search(request: HttpRequest) -> HttpResponse:
    """The full results page: works without JavaScript; HTMX swaps only the results."""
    form = SearchForm(request.GET)
    query, values = form.query(), form.facet_values()
    found = results.search(request.user, query, values, request.GET.get("page")) if query else None
    context = {"form": form, "query": query, "values": values, "found": found}
    template = "search/results.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def suggest(request: HttpRequest) -> HttpResponse:
    """Up to eight links as the person types in the header's search box."""
    query = SearchForm(request.GET).query()
    if not query:
        return HttpResponse("")  # an empty box closes the list
    found = results.suggestions(request.user, query)
    return render(request, "search/suggestions.html", {"query": query, "suggestions": found})
