from django.http import Http404


def section(request, project, actions: set[str]) -> dict:
    """Context for this section of the project page (see planet/programs/presenters.py)."""
    return {}


def report_list(request, **kwargs):  # TODO(programs): to be written
    raise Http404


def report_create(request, **kwargs):  # TODO(programs): to be written
    raise Http404


def report_edit(request, **kwargs):  # TODO(programs): to be written
    raise Http404


def report_delete(request, **kwargs):  # TODO(programs): to be written
    raise Http404


def report_verify(request, **kwargs):  # TODO(programs): to be written
    raise Http404
