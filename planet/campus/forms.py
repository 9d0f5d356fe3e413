"""Forms of the Open Campus: proposing a resource or a learning opportunity, declaring a use,
reviewing, the curators' decision, and the filters of the lists (kept in the URL)."""

from django import forms
from django.core.validators import URLValidator
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from planet.campus.models import (
    RATING_MAX,
    RATING_MIN,
    Audience,
    Cost,
    LearningOpportunity,
    Licence,
    OpportunityKind,
    Resource,
    ResourceReview,
    ResourceType,
    ResourceUse,
)
from planet.campus.permissions import member_organisations
from planet.lib.languages import LANGUAGE_CODES, language_choices
from planet.lib.markdown import clean_markdown_source
from planet.lib.place_fields import country_field, latitude_field, longitude_field
from planet.orgs.models import Organisation
from planet.sdgs.models import Goal

ANY = [("", gettext_lazy("Any"))]
MARKDOWN_HELP = gettext_lazy("Markdown: **bold**, *italic*, [links](https://…), lists, headings.")


def _web_address(label, *, required: bool, help_text=""):
    return forms.URLField(
        label=label,
        required=required,
        max_length=500,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=help_text,
        error_messages={"invalid": gettext_lazy("Enter a web address starting with https://.")},
    )


def _goals_field():
    field = forms.ModelMultipleChoiceField(
        label=gettext_lazy("SDGs"),
        queryset=Goal.objects.for_tiles(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    field.label_from_instance = str
    return field


def _one_line(text: str) -> str:
    return " ".join(text.split())


class ProposalForm(forms.ModelForm):
    """What resources and learning opportunities share."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=gettext_lazy("None"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"] = _goals_field()
        if self.instance.pk:
            self.initial["goals"] = list(self.instance.goals.all())

    def clean_title(self):
        title = _one_line(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError(_("Give it a title."), code="required")
        return title

    def clean_summary(self):
        summary = _one_line(self.cleaned_data["summary"])
        if not summary:
            raise forms.ValidationError(_("Say in one line what it is."), code="required")
        return summary

    def clean_description(self):
        return clean_markdown_source(self.cleaned_data["description"])


class ResourceForm(ProposalForm):
    link = _web_address(
        gettext_lazy("Link"), required=True, help_text=gettext_lazy("Where people find it.")
    )
    audience = forms.MultipleChoiceField(
        label=gettext_lazy("For whom"),
        required=False,
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Languages"),
        required=False,
        choices=language_choices,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=gettext_lazy("The languages it is available in."),
    )

    class Meta:
        model = Resource
        fields = [
            "title",
            "type",
            "summary",
            "link",
            "description",
            "organisation",
            "audience",
            "languages",
            "licence",
            "cost",
            "goals",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}
        help_texts = {"description": MARKDOWN_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].label = _("Organisation behind it")

    def clean_languages(self):
        codes = self.cleaned_data["languages"]
        if any(code not in LANGUAGE_CODES for code in codes):
            raise forms.ValidationError(_("Unknown language code."))
        return codes


class OpportunityForm(ProposalForm):
    application_url = _web_address(
        gettext_lazy("How to apply"),
        required=False,
        help_text=gettext_lazy("A web page where people apply or register."),
    )
    country = country_field()
    latitude = latitude_field()
    longitude = longitude_field()

    class Meta:
        model = LearningOpportunity
        fields = [
            "title",
            "kind",
            "summary",
            "description",
            "organisation",
            "starts_on",
            "ends_on",
            "online",
            "place_name",
            "country",
            "latitude",
            "longitude",
            "application_url",
            "goals",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "description": MARKDOWN_HELP,
            "ends_on": gettext_lazy("Leave empty for an ongoing opportunity."),
            "online": gettext_lazy("It can be followed online (with or without a place)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].label = _("Offered by")
        self.fields["organisation"].help_text = _(
            "Admins and editors of this organisation publish at once; otherwise the "
            "curators review it first."
        )

    def clean_place_name(self):
        return _one_line(self.cleaned_data["place_name"])

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("It cannot end before it starts."))
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if not (self.has_error("latitude") or self.has_error("longitude")):
            if latitude is None and longitude is not None:
                self.add_error("latitude", _("Give both latitude and longitude, or neither."))
            elif longitude is None and latitude is not None:
                self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        if not cleaned.get("online") and not cleaned.get("place_name"):
            self.add_error("place_name", _("Give the place, or tick “online”."))
        return cleaned


# Uses and reviews --------------------------------------------------------------------------


class UseForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Which organisation uses it"),
        queryset=Organisation.objects.none(),
        empty_label=None,
        error_messages={
            "invalid_choice": gettext_lazy("Choose an organisation you belong to."),
            "required": gettext_lazy("Choose an organisation you belong to."),
        },
    )

    def __init__(self, *args, user, resource, **kwargs):
        super().__init__(*args, **kwargs)
        self.resource = resource
        self.fields["organisation"].queryset = member_organisations(user)

    def clean_organisation(self):
        organisation = self.cleaned_data["organisation"]
        if ResourceUse.objects.filter(resource=self.resource, organisation=organisation).exists():
            raise forms.ValidationError(
                _("%(name)s already says it uses this resource.") % {"name": organisation.name},
                code="already",
            )
        return organisation


class ReviewForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label=gettext_lazy("Rating"),
        choices=[(n, str(n)) for n in range(RATING_MIN, RATING_MAX + 1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Give a rating from 1 to 5."),
            "invalid_choice": gettext_lazy("The rating is a whole number from 1 to 5."),
        },
    )

    class Meta:
        model = ResourceReview
        fields = ["rating", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4, "maxlength": 1000})}
        labels = {"text": gettext_lazy("Your review")}
        help_texts = {
            "text": gettext_lazy("What it is good for, and its limits (1000 characters).")
        }
        error_messages = {
            "text": {
                "required": gettext_lazy("Write a few words with your rating."),
                "max_length": gettext_lazy("A review has at most 1000 characters."),
            }
        }

    def __init__(self, *args, author, resource, **kwargs):
        super().__init__(*args, **kwargs)
        self.author, self.resource = author, resource

    def clean_text(self):
        text = self.cleaned_data["text"].replace("\r\n", "\n").strip()
        if not text:
            raise forms.ValidationError(_("Write a few words with your rating."), code="required")
        return text

    def clean(self):
        cleaned = super().clean()
        if ResourceReview.objects.filter(resource=self.resource, author=self.author).exists():
            raise forms.ValidationError(
                _("You have already reviewed this resource: one review per member."),
                code="already",
            )
        return cleaned

    def validate_unique(self):
        """Checked in clean() with a clearer message; the database constraint stays."""


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[("publish", gettext_lazy("Publish")), ("decline", gettext_lazy("Decline"))],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose to publish or to decline.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Note to the proposer"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Required when you decline: say why, and what could change it."),
    )

    def clean_note(self):
        return self.cleaned_data["note"].strip()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not cleaned.get("note"):
            self.add_error("note", _("Tell the proposer why it is declined."))
        return cleaned


# Filters -----------------------------------------------------------------------------------


def _with_any(choices):
    return lambda: ANY + list(choices() if callable(choices) else choices)


SORTS = {
    "usage": gettext_lazy("Most used"),
    "rating": gettext_lazy("Best rated"),
    "newest": gettext_lazy("Newest"),
}


class FilterForm(forms.Form):
    """Filters kept in the URL. A bad value is ignored rather than failing the page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "goal" in self.fields:
            self.fields["goal"].label_from_instance = str

    def filters(self) -> dict:
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


def _goal_field():
    return forms.ModelChoiceField(
        label=gettext_lazy("SDG"),
        queryset=Goal.objects.for_tiles(),
        required=False,
        empty_label=gettext_lazy("Any"),
    )


class ResourceFilterForm(FilterForm):
    type = forms.ChoiceField(
        label=gettext_lazy("Type"), choices=_with_any(ResourceType.choices), required=False
    )
    audience = forms.ChoiceField(
        label=gettext_lazy("For whom"), choices=_with_any(Audience.choices), required=False
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language"), choices=_with_any(language_choices), required=False
    )
    licence = forms.ChoiceField(
        label=gettext_lazy("Licence"), choices=_with_any(Licence.choices), required=False
    )
    cost = forms.ChoiceField(
        label=gettext_lazy("Cost"), choices=_with_any(Cost.choices), required=False
    )
    goal = _goal_field()
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation behind it"),
        queryset=Organisation.objects.filter(campus_resources__isnull=False)
        .distinct()
        .order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("Any"),
    )
    sort = forms.ChoiceField(
        label=gettext_lazy("Sort by"), choices=list(SORTS.items()), required=False
    )


def filter_resources(queryset, values: dict):
    """Narrow and sort `queryset` (already what the viewer may see, with figures)."""
    for name in ("type", "licence", "cost", "organisation"):
        if value := values.get(name):
            queryset = queryset.filter(**{name: value})
    # JSON lists of codes: the quoted code is found in their text on every database.
    if audience := values.get("audience"):
        queryset = queryset.filter(audience__icontains=f'"{audience}"')
    if language := values.get("language"):
        queryset = queryset.filter(languages__icontains=f'"{language}"')
    if goal := values.get("goal"):
        tagged = Resource.goals.through.objects.filter(resource=OuterRef("pk"), goal=goal)
        queryset = queryset.filter(Exists(tagged))
    sort = values.get("sort") or "usage"
    if sort == "rating":
        return queryset.by_rating()
    if sort == "newest":
        return queryset.newest()
    return queryset.by_usage()


class OpportunityFilterForm(FilterForm):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), choices=_with_any(OpportunityKind.choices), required=False
    )
    goal = _goal_field()
    country = forms.ChoiceField(
        label=gettext_lazy("Country"), choices=_with_any(lambda: countries), required=False
    )
    online = forms.ChoiceField(
        label=gettext_lazy("Online"),
        choices=ANY
        + [("yes", gettext_lazy("Can be followed online")), ("no", gettext_lazy("In person"))],
        required=False,
    )
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Offered by"),
        queryset=Organisation.objects.filter(learning_opportunities__isnull=False)
        .distinct()
        .order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("Any"),
    )


def filter_opportunities(queryset, values: dict):
    for name in ("kind", "country", "organisation"):
        if value := values.get(name):
            queryset = queryset.filter(**{name: value})
    if online := values.get("online"):
        queryset = queryset.filter(online=online == "yes")
    if goal := values.get("goal"):
        tagged = LearningOpportunity.goals.through.objects.filter(
            learningopportunity=OuterRef("pk"), goal=goal
        )
        queryset = queryset.filter(Exists(tagged))
    return queryset.order_by("starts_on", "pk")
