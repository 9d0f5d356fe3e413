"""Programs that scale: a program's pedagogy, its replications elsewhere, and what every
project achieved (impact reports).

A replication is a project of its own; its `Replication` row links it to the program it
adapts (`origin`) and to the first program of the lineage (`root`), with its `depth` and the
`path` of ancestor ids, so that a whole lineage is one query whatever its depth. Origins are
fixed when the replication is created, so a lineage cannot form a cycle.
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planet.projects.models import PUBLIC_STATUSES, AgeGroup, Project

MAX_LEARNERS_PER_BAND = 1_000_000
MAX_SESSIONS = 100_000


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC_BY_NC = "cc-by-nc-4.0", "CC BY-NC 4.0"
    CC_BY_NC_SA = "cc-by-nc-sa-4.0", "CC BY-NC-SA 4.0"
    CC_BY_ND = "cc-by-nd-4.0", "CC BY-ND 4.0"
    CC_BY_NC_ND = "cc-by-nc-nd-4.0", "CC BY-NC-ND 4.0"
    CC0 = "cc0-1.0", _("CC0 (public domain)")
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")


NO_ADAPTATION = {Licence.CC_BY_ND, Licence.CC_BY_NC_ND, Licence.ALL_RIGHTS_RESERVED}
LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    Licence.CC_BY_ND: "https://creativecommons.org/licenses/by-nd/4.0/",
    Licence.CC_BY_NC_ND: "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}


class Pedagogy(models.Model):
    """How a program is run: enough for someone elsewhere to run it again."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, primary_key=True, related_name="pedagogy"
    )
    challenge = models.TextField(_("the SDG challenge it tackles"), max_length=2000, blank=True)
    learning_outcomes = models.TextField(_("learning outcomes"), max_length=5000, blank=True)
    duration_weeks = models.PositiveSmallIntegerField(
        _("total duration (weeks)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(260)],
    )
    age_min = models.PositiveSmallIntegerField(
        _("youngest learners (years)"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    age_max = models.PositiveSmallIntegerField(
        _("oldest learners (years)"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    group_size_min = models.PositiveSmallIntegerField(
        _("smallest group"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10000)],
    )
    group_size_max = models.PositiveSmallIntegerField(
        _("largest group"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10000)],
    )
    licence = models.CharField(_("licence"), max_length=24, choices=Licence, default=Licence.CC_BY)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(age_min__isnull=True)
                | Q(age_max__isnull=True)
                | Q(age_max__gte=F("age_min")),
                name="pedagogy_age_range_in_order",
            ),
            models.CheckConstraint(
                condition=Q(group_size_min__isnull=True)
                | Q(group_size_max__isnull=True)
                | Q(group_size_max__gte=F("group_size_min")),
                name="pedagogy_group_size_in_order",
            ),
        ]
        verbose_name = _("pedagogy")
        verbose_name_plural = _("pedagogies")

    def __str__(self):
        return str(self.project)

    @property
    def allows_adaptation(self) -> bool:
        return self.licence not in NO_ADAPTATION

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")

    def total_hours(self) -> Decimal:
        """The sum of the phases' durations (phases prefetched on pages)."""
        return sum((phase.duration_hours or Decimal(0) for phase in self.phases.all()), Decimal(0))


class Phase(models.Model):
    """One phase of the learning journey (engage, investigate, act, ...)."""

    pedagogy = models.ForeignKey(Pedagogy, on_delete=models.CASCADE, related_name="phases")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("phase"), max_length=100)
    description = models.TextField(_("what happens"), max_length=3000, blank=True)
    steps = models.JSONField(_("steps"), default=list, blank=True)  # ["Visit the river", ...]
    duration_hours = models.DecimalField(
        _("duration (hours)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("2000"))],
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    def __str__(self):
        return self.name


def material_path(material, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"materials/{material.pedagogy_id}-{secrets.token_hex(8)}.{extension}"


class Material(models.Model):
    """A facilitator kit file or a link to one."""

    pedagogy = models.ForeignKey(Pedagogy, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=material_path, blank=True, max_length=200)
    file_type = models.CharField(max_length=10, blank=True)  # "pdf", "docx", ... by content
    file_size = models.PositiveIntegerField(default=0)
    url = models.URLField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(url=""), name="material_has_file_or_link"
            )
        ]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self):
        return self.title


class ReplicationQuerySet(models.QuerySet):
    def public(self):
        return self.filter(project__status__in=PUBLIC_STATUSES)


class Replication(models.Model):
    """The link from a project to the program it adapts."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, primary_key=True, related_name="replication"
    )
    # PROTECT: a program with replications is archived, never deleted, so lineages hold.
    origin = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="replications")
    root = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="lineage")
    depth = models.PositiveSmallIntegerField(default=1)
    path = models.CharField(max_length=400)  # ancestor ids from the root: "/12/40/"
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("organisation running it"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replications",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReplicationQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["root", "depth"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(origin=F("project")), name="replication_not_of_itself"
            )
        ]
        verbose_name = _("replication")
        verbose_name_plural = _("replications")

    def __str__(self):
        return f"{self.project} ← {self.origin}"

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part]


class Adaptation(models.Model):
    """What a replication changed in one phase of the program it adapts."""

    replication = models.ForeignKey(
        Replication, on_delete=models.CASCADE, related_name="adaptations"
    )
    phase_name = models.CharField(_("phase"), max_length=100)
    note = models.TextField(_("what was adapted"), max_length=1000)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("adaptation")
        verbose_name_plural = _("adaptations")

    def __str__(self):
        return f"{self.phase_name}: {self.note[:40]}"


LEARNER_BANDS = [
    (AgeGroup.EARLY, "learners_early"),
    (AgeGroup.PRIMARY, "learners_primary"),
    (AgeGroup.SECONDARY, "learners_secondary"),
    (AgeGroup.YOUTH, "learners_youth"),
    (AgeGroup.ADULTS, "learners_adults"),
]


def _learners_field(label):
    return models.PositiveIntegerField(
        label, default=0, validators=[MaxValueValidator(MAX_LEARNERS_PER_BAND)]
    )


class ImpactReportQuerySet(models.QuerySet):
    def public(self):
        """Reports of projects everyone may see: the only ones public figures count."""
        return self.filter(project__status__in=PUBLIC_STATUSES)

    def verified(self):
        return self.exclude(verified_at=None)


class ImpactReport(models.Model):
    """What a project achieved over a period, as its team reports it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="impact_reports")
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    learners_early = _learners_field(_("learners aged 0-5"))
    learners_primary = _learners_field(_("learners aged 6-11"))
    learners_secondary = _learners_field(_("learners aged 12-17"))
    learners_youth = _learners_field(_("learners aged 18-24"))
    learners_adults = _learners_field(_("learners aged 25 and over"))
    learners_total = models.PositiveIntegerField(default=0, editable=False)
    sessions_held = models.PositiveIntegerField(
        _("sessions held"), default=0, validators=[MaxValueValidator(MAX_SESSIONS)]
    )
    outcomes = models.TextField(_("outcomes"), max_length=10000, blank=True)
    evidence_links = models.JSONField(_("evidence"), default=list, blank=True)  # [{label, url}]
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ImpactReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period_end", "-pk"]
        indexes = [models.Index(fields=["project", "-period_end"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="report_period_in_order"
            ),
            models.CheckConstraint(
                condition=Q(
                    learners_total=F("learners_early")
                    + F("learners_primary")
                    + F("learners_secondary")
                    + F("learners_youth")
                    + F("learners_adults")
                ),
                name="report_learners_total_is_the_sum",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{field}__lte": MAX_LEARNERS_PER_BAND}),
                    name=f"report_{field}_not_absurd",
                )
                for _band, field in LEARNER_BANDS
            ],
            models.CheckConstraint(
                condition=Q(sessions_held__lte=MAX_SESSIONS), name="report_sessions_not_absurd"
            ),
        ]
        verbose_name = _("impact report")
        verbose_name_plural = _("impact reports")

    def __str__(self):
        return f"{self.project}: {self.period_start} – {self.period_end}"

    def save(self, *args, **kwargs):
        self.learners_total = sum(getattr(self, field) for _band, field in LEARNER_BANDS)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "learners_total"}
        super().save(*args, **kwargs)

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    def learners_by_band(self) -> list[tuple[str, int]]:
        labels = dict(AgeGroup.choices)
        return [(labels[band], getattr(self, field)) for band, field in LEARNER_BANDS]

    def mark_verified(self, by) -> None:
        from planet.moderation.models import AuditLog

        self.verified_at, self.verified_by = timezone.now(), by
        self.save(update_fields=["verified_at", "verified_by"])
        AuditLog.record(by, "impact_report.verify", self.project, reason=str(self))


class Indicator(models.Model):
    """A measured outcome of a report: a value with its unit."""

    report = models.ForeignKey(ImpactReport, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=150)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=3)
    unit = models.CharField(_("unit"), max_length=40, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return f"{self.name}: {self.value} {self.unit}".strip()
