"""schema.org JSON-LD, embedded safely in a page."""

import json

from django.utils.safestring import mark_safe

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data: dict):
    """A <script type="application/ld+json"> block; markup in values cannot close it."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308
