from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InnovatorQuerySet(models.QuerySet):
    def shown(self):
        """Innovators to show (not those whose profile the moderators hid), in the curators'
        order, with what a card needs in one query."""
        return (
            self.filter(user__is_active=True, user__profile__hidden_at=None)
            .select_related("user__profile")
            .order_by("position", "-created_at", "pk")
        )


class Innovator(models.Model):
    """A person featured by the curators, with a short quote, on the home page."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="innovator",
    )
    quote = models.CharField(
        _("quote"), max_length=300, help_text=_("In their own words; at most 300 characters.")
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, db_index=True, help_text=_("Lower numbers are shown first.")
    )
    featured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("featured by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("featured on"), auto_now_add=True)

    objects = InnovatorQuerySet.as_manager()

    class Meta:
        ordering = ["position", "-created_at"]
        verbose_name = _("innovator")
        verbose_name_plural = _("innovators")

    def __str__(self):
        return self.user.display_name
