"""One place decides who may see and change a story.

Those who may not see a story get 404; those who may see it but not change it get 403.
Editors (curators and members given the story editor role) write, publish and review every
story; an author changes their own story until the editors have published or declined it.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from planet.moderation.permissions import _require
from planet.stories.models import Story, is_story_editor

editor_required = _require(is_story_editor)


def get_story_for_user(request, slug: str, *, edit: bool = False) -> Story:
    """The story at `slug` if the user may see it (404 otherwise) and, with `edit`, may
    change it (403 otherwise)."""
    story = (
        Story.objects.visible_to(request.user)
        .for_cards()
        .select_related("created_by__profile")
        .filter(slug=slug)
        .first()
    )
    if story is None:
        raise Http404
    if edit and not story.may_edit(request.user):
        raise PermissionDenied
    return story
