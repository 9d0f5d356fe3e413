"""Forms of the stories: writing a story (editors choose its kind and authors; a member's
guest story is always a guest story by them), the editors' decision, the list's filters and
the editor role."""

import re

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planet.lib.images import ImageUploadField, delete_image
from planet.lib.languages import LANGUAGE_CODES, interface_language_code, language_choices
from planet.lib.markdown import clean_markdown_source
from planet.sdgs.models import Goal
from planet.stories.models import Story, StoryEditor, StoryKind

COVER_SIDE = 1600
MAX_AUTHORS = 10
ANY = [("", gettext_lazy("Any"))]


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


class StoryForm(forms.ModelForm):
    content_language = forms.ChoiceField(
        label=gettext_lazy("Language of the story"), choices=language_choices
    )
    goals = forms.ModelMultipleChoiceField(
        label=gettext_lazy("SDGs"),
        queryset=Goal.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cover = ImageUploadField(label=gettext_lazy("Cover image"), max_side=COVER_SIDE)
    remove_cover = forms.BooleanField(
        label=gettext_lazy("Remove the current cover image"), required=False
    )
    author_emails = forms.CharField(
        label=gettext_lazy("Authors"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "E-mail addresses of the members who wrote it, separated by commas or on separate "
            "lines. Leave empty to sign it yourself."
        ),
    )

    class Meta:
        model = Story
        fields = ["kind", "title", "summary", "body", "content_language", "cover_alt"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={"rows": 16}),
        }
        help_texts = {
            "summary": gettext_lazy("One or two sentences shown in lists and feeds."),
            "body": gettext_lazy(
                "Markdown: **bold**, *italic*, [links](https://…), lists, headings."
            ),
            "cover_alt": gettext_lazy("What the picture shows, for people who cannot see it."),
        }

    def __init__(self, *args, user, as_editor: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.as_editor = user, as_editor
        self._original_cover = self.instance.cover.name if self.instance.cover else ""
        self.fields["goals"].label_from_instance = str
        if self.instance.pk:
            self.initial["goals"] = list(self.instance.goals.all())
            emails = [person.email for person in self.instance.author_list]
            self.initial["author_emails"] = ", ".join(emails)
        else:
            self.fields["content_language"].initial = interface_language_code()
        if not as_editor:
            # A member's story is a guest story signed by them.
            del self.fields["kind"]
            del self.fields["author_emails"]

    def clean_title(self):
        title = _one_line(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError(_("Give the story a title."), code="required")
        return title

    def clean_summary(self):
        summary = _one_line(self.cleaned_data["summary"])
        if not summary:
            raise forms.ValidationError(_("Sum the story up in a sentence."), code="required")
        return summary

    def clean_body(self):
        body = clean_markdown_source(self.cleaned_data["body"])
        if not body:
            raise forms.ValidationError(_("Write the story itself."), code="required")
        return body

    def clean_content_language(self):
        code = self.cleaned_data["content_language"]
        if code not in LANGUAGE_CODES:
            raise forms.ValidationError(_("Unknown language code."))
        return code

    def clean_cover_alt(self):
        return _one_line(self.cleaned_data["cover_alt"])

    def clean_author_emails(self):
        emails = [e for e in re.split(r"[\s,;]+", self.cleaned_data["author_emails"]) if e]
        if len(emails) > MAX_AUTHORS:
            raise forms.ValidationError(
                _("At most %(count)s authors.") % {"count": MAX_AUTHORS}, code="too_many"
            )
        people = list(
            get_user_model().objects.filter(email__in=[e.lower() for e in emails], is_active=True)
        )
        unknown = sorted({e.lower() for e in emails} - {person.email for person in people})
        if unknown:
            raise forms.ValidationError(
                _("No member has this e-mail address: %(emails)s.")
                % {"emails": ", ".join(unknown)},
                code="unknown",
            )
        return people

    def clean(self):
        cleaned = super().clean()
        has_cover = cleaned.get("cover") or (
            self._original_cover and not cleaned.get("remove_cover")
        )
        if has_cover and not cleaned.get("cover_alt"):
            self.add_error("cover_alt", _("Describe the cover image for people who cannot see it."))
        return cleaned

    @transaction.atomic
    def save_story(self) -> Story:
        """Save the story, its cover, SDGs and authors in one transaction."""
        story = super().save(commit=False)
        if not self.as_editor and not story.pk:
            story.kind = StoryKind.GUEST
        if not story.pk:
            story.created_by = self.user
        old_name, storage = self._original_cover, story.cover.storage
        if self.cleaned_data.get("cover"):
            story.cover = self.cleaned_data["cover"]
        elif self.cleaned_data.get("remove_cover"):
            story.cover = ""
        if old_name and story.cover.name != old_name:
            transaction.on_commit(lambda: delete_image(storage, old_name))
        story.save()
        story.goals.set(self.cleaned_data["goals"])
        if self.as_editor:
            story.authors.set(self.cleaned_data["author_emails"] or [story.created_by or self.user])
        elif not story.authors.exists():
            story.authors.set([self.user])
        return story


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            ("accept", gettext_lazy("Accept and publish")),
            ("changes", gettext_lazy("Ask for changes")),
            ("decline", gettext_lazy("Decline")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Note to the author"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required when you ask for changes or decline."),
    )

    def clean_note(self):
        return self.cleaned_data["note"].strip()

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision in ("changes", "decline") and not cleaned.get("note"):
            if decision == "changes":
                message = _("Tell the author which changes the story needs.")
            else:
                message = _("Tell the author why the story is declined.")
            self.add_error("note", message)
        return cleaned


class StoryFilterForm(forms.Form):
    """Filters kept in the URL. A bad value is ignored rather than failing the page."""

    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), choices=ANY + list(StoryKind.choices), required=False
    )
    goal = forms.ModelChoiceField(
        label=gettext_lazy("SDG"),
        queryset=Goal.objects.for_tiles(),
        required=False,
        empty_label=gettext_lazy("Any"),
    )
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].label_from_instance = str
        self.fields["language"].choices = lambda: ANY + language_choices()

    def filters(self) -> dict:
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


def filter_stories(queryset, filters: dict):
    if kind := filters.get("kind"):
        queryset = queryset.of_kind(kind)
    if goal := filters.get("goal"):
        queryset = queryset.for_goal(goal)
    if language := filters.get("language"):
        queryset = queryset.filter(content_language=language)
    return queryset


class EditorRoleForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address of the member"))

    def __init__(self, *args, grant: bool = True, **kwargs):
        self.grant, self.user = grant, None
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No member has this e-mail address."), code="unknown")
        has_role = StoryEditor.objects.filter(user=user).exists()
        if self.grant and has_role:
            raise forms.ValidationError(_("This member is already a story editor."))
        if self.grant and user.is_curator:
            raise forms.ValidationError(_("Curators are story editors already."))
        if not self.grant and not has_role:
            raise forms.ValidationError(_("This member is not a story editor."))
        self.user = user
        return email
