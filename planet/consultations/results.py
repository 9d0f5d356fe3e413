"""The figures of a consultation, in a fixed number of queries (three):

* proposals ordered by supports, with their counts;
* participants by country and by age band (under 15, 15-19, 20-24, 25-30, over 30).

Results are public for as long as the consultation is (counts are live while it is open):
supports are shown on every proposal anyway, and a participant should be able to follow the
figures they contribute to. Hidden proposals are left out, and so are their supports: what the
moderators hide is neither listed nor counted. Participants stay counted, since they declared
themselves whatever became of their contributions.
"""

from dataclasses import dataclass

from django.db.models import Count
from django_countries import countries

from planet.consultations.models import AGE_BAND_CASE, AgeBand, Participant, Proposal


@dataclass
class Share:
    key: str
    label: str
    count: int
    percent: int


def _shares(counts: dict[str, int], labels: dict[str, str], total: int) -> list[Share]:
    return [
        Share(key, labels[key], count, round(100 * count / total) if total else 0)
        for key, count in counts.items()
    ]


def figures(consultation) -> dict:
    proposals = list(
        Proposal.objects.filter(consultation=consultation)
        .not_hidden()
        .with_supports()
        .select_related("participant__user__profile")
        .by_supports()
    )
    participants = Participant.objects.filter(consultation=consultation).order_by()
    by_country = dict(
        participants.values_list("country").annotate(n=Count("pk")).order_by("-n", "country")
    )
    by_band = dict(
        participants.annotate(band=AGE_BAND_CASE).values_list("band").annotate(n=Count("pk"))
    )
    total = sum(by_country.values())
    band_counts = {band.value: by_band.get(band.value, 0) for band in AgeBand}
    country_labels = {code: str(countries.name(code)) for code in by_country}
    return {
        "proposals": proposals,
        "support_total": sum(p.support_total for p in proposals),
        "participant_total": total,
        "by_country": _shares(by_country, country_labels, total),
        "by_age_band": _shares(band_counts, dict(AgeBand.choices), total),
    }
