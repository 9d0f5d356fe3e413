"""What moderation needs from every kind of content: a `hidden_at` mark.

A model that can be hidden by the curators inherits `Hideable`; its queryset inherits
`HideableQuerySet` and its `visible_to(user)` starts from `.not_hidden()` for everybody but
curators (and, where the model wants, the author, who sees a "hidden by the moderators" banner).
Hiding then removes the item in one step from every list, page, search, map, feed and export
that goes through `visible_to`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HideableQuerySet(models.QuerySet):
    def not_hidden(self):
        return self.filter(hidden_at=None)

    def hidden(self):
        return self.exclude(hidden_at=None)


class Hideable(models.Model):
    hidden_at = models.DateTimeField(_("hidden by the moderators"), null=True, blank=True)
    hidden_note = models.CharField(_("note to the author"), max_length=1000, blank=True)

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None
