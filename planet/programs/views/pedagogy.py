from django.http import Http404


def section(request, project, actions: set[str]) -> dict:
    """Context for this section of the project page (see planet/programs/presenters.py)."""
    return {}


def pedagogy_edit(request, **kwargs):  # TODO(programs): to be written
    raise Http404


def materials(request, **kwargs):  # TODO(programs): to be written
    raise Http404


def material_delete(request, **kwargs):  # TODO(programs): to be written
    raise Http404


def replicate(request, **kwargs):  # TODO(programs): to be written
    raise Http404
