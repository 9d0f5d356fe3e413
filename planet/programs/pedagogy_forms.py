"""Forms of a program's pedagogy, its materials and of a replication elsewhere."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planet.lib.languages import LANGUAGE_CODES, interface_language_code, language_choices
from planet.lib.markdown import clean_markdown_source
from planet.lib.once import OnceField
from planet.lib.uploads import ACCEPTED, DocumentUploadField
from planet.orgs.models import Organisation
from planet.programs.models import Material, Pedagogy, Phase
from planet.programs.replicate import Place
from planet.projects.forms import LocationForm

PLACE_PREFIX = "place"

MAX_PHASES = 12
MAX_STEPS = 30
MAX_STEP_LENGTH = 300
MAX_MATERIALS = 50
HOURS_IN_A_WEEK = 7 * 24
MARKDOWN_HELP = gettext_lazy("Markdown: **bold**, *italic*, [links](https://…), lists.")


class PedagogyForm(forms.ModelForm):
    class Meta:
        model = Pedagogy
        fields = [
            "challenge",
            "learning_outcomes",
            "duration_weeks",
            "age_min",
            "age_max",
            "group_size_min",
            "group_size_max",
            "licence",
        ]
        widgets = {
            "challenge": forms.Textarea(attrs={"rows": 3}),
            "learning_outcomes": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "challenge": gettext_lazy("The problem the learners work on, in a few sentences."),
            "learning_outcomes": MARKDOWN_HELP,
            "duration_weeks": gettext_lazy("From 1 to 260 weeks."),
            "licence": gettext_lazy(
                "Creative Commons BY lets anyone adapt the program if they credit you. With a "
                "“no derivatives” (ND) licence or “all rights reserved”, nobody may adapt it: "
                "it cannot be run elsewhere through the platform."
            ),
        }

    def clean_challenge(self):
        return clean_markdown_source(self.cleaned_data["challenge"])

    def clean_learning_outcomes(self):
        return clean_markdown_source(self.cleaned_data["learning_outcomes"])

    def clean(self):
        cleaned = super().clean()
        in_order = [
            ("age_min", "age_max", _("The oldest age must not be below the youngest age.")),
            (
                "group_size_min",
                "group_size_max",
                _("The largest group must not be smaller than the smallest group."),
            ),
        ]
        for low, high, message in in_order:
            low_value, high_value = cleaned.get(low), cleaned.get(high)
            if low_value is not None and high_value is not None and high_value < low_value:
                self.add_error(high, message)
        return cleaned

    def check_phase_hours(self, hours: Decimal) -> None:
        """The phases must fit in the total duration, when both are given."""
        weeks = self.cleaned_data.get("duration_weeks")
        if weeks and hours > weeks * HOURS_IN_A_WEEK:
            self.add_error(
                "duration_weeks",
                _("The phases last %(hours)s hours: more than %(weeks)s weeks.")
                % {"hours": hours, "weeks": weeks},
            )


class LinesField(forms.CharField):
    """A list of short lines, edited one per line in a text area."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(str(line) for line in value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        return [" ".join(line.split()) for line in text.splitlines() if line.strip()]

    def validate(self, value):
        super().validate(value)
        if len(value) > MAX_STEPS:
            raise forms.ValidationError(
                _("Keep to %(count)s steps or fewer a phase.") % {"count": MAX_STEPS}
            )
        if any(len(line) > MAX_STEP_LENGTH for line in value):
            raise forms.ValidationError(
                _("Keep each step under %(count)s characters.") % {"count": MAX_STEP_LENGTH}
            )

    def has_changed(self, initial, data):
        return self.prepare_value(initial or []) != self.prepare_value(self.to_python(data))


class PhaseForm(forms.ModelForm):
    steps = LinesField(
        label=gettext_lazy("Steps"),
        required=False,
        help_text=gettext_lazy("One step per line."),
    )
    duration_hours = forms.DecimalField(
        label=gettext_lazy("Duration (hours)"),
        required=False,
        min_value=Decimal("0.5"),
        max_value=Decimal("2000"),
        max_digits=6,
        decimal_places=1,
        help_text=gettext_lazy("From 0.5 to 2000 hours."),
    )

    class Meta:
        model = Phase
        fields = ["name", "description", "steps", "duration_hours"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_description(self):
        return clean_markdown_source(self.cleaned_data["description"])


class BasePhaseFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or self._should_delete_form(form):
                continue
            name = form.cleaned_data.get("name", "")
            if name.casefold() in seen:
                form.add_error(
                    "name",
                    _("Another phase is called “%(name)s”: give each phase its own name.")
                    % {"name": name},
                )
            seen.add(name.casefold())

    def total_hours(self) -> Decimal:
        return sum(
            (f.cleaned_data.get("duration_hours") or Decimal(0) for f in self.ordered_forms),
            Decimal(0),
        )


PhaseFormSet = forms.inlineformset_factory(
    Pedagogy,
    Phase,
    form=PhaseForm,
    formset=BasePhaseFormSet,
    extra=2,
    max_num=MAX_PHASES,
    validate_max=True,
    can_order=True,
    can_delete=True,
    can_delete_extra=False,
)


def place_form(data=None) -> LocationForm:
    return LocationForm(data, prefix=PLACE_PREFIX)


def place_of(form: LocationForm) -> Place:
    data = form.cleaned_data
    name = " ".join(data["place_name"].split())
    return Place(name, data["country"], data["latitude"], data["longitude"])


class MaterialForm(forms.ModelForm):
    file = DocumentUploadField(label=gettext_lazy("File"))
    url = forms.URLField(
        label=gettext_lazy("Or a link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=gettext_lazy("A facilitator kit kept elsewhere (a shared folder, a video)."),
    )

    class Meta:
        model = Material
        fields = ["title", "file", "url"]

    def __init__(self, *args, pedagogy=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.pedagogy = pedagogy
        self.fields["file"].help_text = _("Accepted: %(accepted)s; up to %(limit)s.") % {
            "accepted": ACCEPTED,
            "limit": filesizeformat(settings.MAX_MATERIAL_UPLOAD_BYTES),
        }

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("file") and not cleaned.get("url"):
            self.add_error("file", _("Upload a file or give a link."))
        if self.pedagogy is not None and self.pedagogy.materials.count() >= MAX_MATERIALS:
            raise forms.ValidationError(
                _("A program keeps at most %(count)s materials: delete one first.")
                % {"count": MAX_MATERIALS}
            )
        return cleaned

    def save(self, commit=True):
        material = super().save(commit=False)
        upload = self.cleaned_data.get("file")
        material.file_type = getattr(upload, "file_type", "") if upload else ""
        material.file_size = upload.size if upload else 0
        if commit:
            material.save()
        return material


class ReplicateForm(forms.Form):
    """The run itself; its place is a LocationForm (prefix "place") beside it."""

    title = forms.CharField(label=gettext_lazy("Title of your run"), max_length=200)
    summary = forms.CharField(label=gettext_lazy("One-line summary"), max_length=240)
    starts_on = forms.DateField(
        label=gettext_lazy("Starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=gettext_lazy("Ends on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the run"), choices=language_choices
    )
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation running it"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=gettext_lazy("None: I run it myself"),
    )
    form_token = OnceField()

    def __init__(self, *args, program, phases, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.phase_names = [phase.name for phase in phases]
        self.fields["title"].initial = program.title
        self.fields["title"].help_text = _(
            "If you keep the program's title, the name of your place is added to it: "
            "“%(title)s in Dakar”."
        ) % {"title": program.title}
        self.fields["summary"].initial = program.summary
        self.fields["language"].initial = program.content_language or interface_language_code()
        self.fields["organisation"].queryset = Organisation.objects.of_user(user).order_by("name")
        for index, name in enumerate(self.phase_names):
            self.fields[f"phase_{index}"] = forms.CharField(
                label=_("What do you change in “%(phase)s”?") % {"phase": name},
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Leave empty if you run this phase as it is."),
            )

    def phase_fields(self):
        return [self[f"phase_{index}"] for index in range(len(self.phase_names))]

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_summary(self):
        return " ".join(self.cleaned_data["summary"].split())

    def clean_language(self):
        if self.cleaned_data["language"] not in LANGUAGE_CODES:
            raise forms.ValidationError(_("Unknown language code."))
        return self.cleaned_data["language"]

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date comes before the start date."))
        return cleaned

    def title_at(self, place: Place) -> str:
        """The title chosen, or "<program> in <place>" when the program's title was kept."""
        title = self.cleaned_data["title"]
        if title == self.program.title:
            titled = _("%(title)s in %(place)s") % {"title": title, "place": place.name}
            if len(titled) <= 200:
                return titled
        return title

    def adaptations(self) -> dict[str, str]:
        notes = {}
        for index, name in enumerate(self.phase_names):
            note = clean_markdown_source(self.cleaned_data.get(f"phase_{index}", ""))
            if note:
                notes[name] = note
        return notes
