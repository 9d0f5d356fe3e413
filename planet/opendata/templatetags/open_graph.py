"""Open Graph helpers for the page head (see the `og` block of base.html)."""

from django import template

register = template.Library()

# Open Graph wants a language_TERRITORY locale; the six interface languages map to these.
OG_LOCALES = {
    "en": "en_US",
    "fr": "fr_FR",
    "es": "es_ES",
    "ar": "ar_AR",
    "ru": "ru_RU",
    "zh-hans": "zh_CN",
}


@register.filter
def og_locale(language_code: str) -> str:
    """`fr` → `fr_FR`; an unknown code falls back to English."""
    code = (language_code or "").lower()
    return OG_LOCALES.get(code) or OG_LOCALES.get(code.split("-")[0], OG_LOCALES["en"])


@register.filter
def absolute_url(url: str) -> str:
    """A site-relative address (/media/...) made absolute with SITE_URL, as og:image needs."""
    from django.conf import settings

    return settings.SITE_URL + url if url.startswith("/") else url
