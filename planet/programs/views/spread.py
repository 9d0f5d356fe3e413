from django.http import Http404


def section(request, project, actions: set[str]) -> dict:
    """Context for this section of the project page (see planet/programs/presenters.py)."""
    return {}


def program_list(request, **kwargs):  # TODO(programs): to be written
    raise Http404


def spread_page(request, **kwargs):  # TODO(programs): to be written
    raise Http404
