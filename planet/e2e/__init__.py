"""Tests in a real browser: Playwright (Python) driving Debian's Chromium, headless.

The fixtures live in planet/e2e/conftest.py; the tests in planet/e2e/tests/. They serve the
site with pytest-django's `live_server` and click and type like a person would. A failing
test leaves a screenshot and the page's HTML in `artifacts/browser/` (CI prints the path).
"""

import pytest

# Every browser test's database mark: the live server answers from another thread, so the
# test's writes must be committed (transaction=True), and the reference data loaded by
# migrations (SDG goals and targets) is restored after each test (serialized_rollback=True).
BROWSER_DB = pytest.mark.django_db(transaction=True, serialized_rollback=True)
