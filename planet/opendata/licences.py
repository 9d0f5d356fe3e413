"""The open licences the operator may put the bulk exports under (OPENDATA_LICENCE), by their
SPDX identifiers, with the name and address that the data package and the page show."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Licence:
    id: str
    title: str
    url: str


LICENCES = {
    licence.id: licence
    for licence in [
        Licence(
            "CC-BY-4.0",
            "Creative Commons Attribution 4.0 International",
            "https://creativecommons.org/licenses/by/4.0/",
        ),
        Licence(
            "CC-BY-SA-4.0",
            "Creative Commons Attribution Share Alike 4.0 International",
            "https://creativecommons.org/licenses/by-sa/4.0/",
        ),
        Licence(
            "CC0-1.0",
            "Creative Commons Zero v1.0 Universal",
            "https://creativecommons.org/publicdomain/zero/1.0/",
        ),
        Licence(
            "ODbL-1.0",
            "Open Data Commons Open Database License v1.0",
            "https://opendatacommons.org/licenses/odbl/1-0/",
        ),
        Licence(
            "ODC-By-1.0",
            "Open Data Commons Attribution License v1.0",
            "https://opendatacommons.org/licenses/by/1-0/",
        ),
        Licence(
            "PDDL-1.0",
            "Open Data Commons Public Domain Dedication & License 1.0",
            "https://opendatacommons.org/licenses/pddl/1-0/",
        ),
    ]
}


def current_licence() -> Licence:
    """The licence set by the operator (the system check reports an unknown one at start)."""
    try:
        return LICENCES[settings.OPENDATA_LICENCE]
    except KeyError:
        raise ImproperlyConfigured(
            f"OPENDATA_LICENCE={settings.OPENDATA_LICENCE!r} is not a known licence."
        ) from None
