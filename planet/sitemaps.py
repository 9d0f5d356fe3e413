"""What search engines read: `robots.txt` and a sitemap of every public page.

Each section lists what an anonymous visitor may open, through the model's own
`visible_to(AnonymousUser())`, so drafts and hidden items never reach a search engine. Locations
use the site's canonical address (SITE_URL), whatever host the crawler asked.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from planet.accounts.models import Profile
from planet.campus.models import LearningOpportunity, Resource
from planet.challenges.models import Challenge
from planet.consultations.models import Consultation
from planet.events.models import Event, Festival
from planet.orgs.models import Organisation
from planet.projects.models import Project
from planet.sdgs.models import Goal
from planet.stories.models import Story

# Private areas: nothing there for search engines, and most of it asks to sign in.
ROBOTS_DISALLOW = ["/admin/", "/accounts/", "/moderation/"]


class CanonicalSitemap(Sitemap):
    """A sitemap whose addresses start with SITE_URL."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class PublicSitemap(CanonicalSitemap):
    """The public items of one model, oldest first so that pages of the sitemap stay stable."""

    model = None
    url_field = "slug"  # what get_absolute_url reads
    date_field: str | None = "updated_at"

    def public(self):
        return self.model.objects.visible_to(AnonymousUser())

    def items(self):
        fields = [self.url_field] + ([self.date_field] if self.date_field else [])
        return self.public().order_by("pk").only("pk", *fields)

    def lastmod(self, item):
        return getattr(item, self.date_field) if self.date_field else None

    def get_latest_lastmod(self):
        """One aggregate query (the default would load every item)."""
        if not self.date_field:
            return None
        return self.public().aggregate(latest=Max(self.date_field))["latest"]


class ProjectSitemap(PublicSitemap):
    model = Project


class OrganisationSitemap(PublicSitemap):
    model = Organisation


class ProfileSitemap(PublicSitemap):
    model = Profile
    url_field = "handle"


class GoalSitemap(PublicSitemap):
    url_field = "number"
    date_field = None

    def public(self):
        return Goal.objects.all()


class ChallengeSitemap(PublicSitemap):
    model = Challenge


class EventSitemap(PublicSitemap):
    model = Event


class FestivalSitemap(PublicSitemap):
    """Festival editions have no drafts: every edition is public."""

    date_field = None

    def public(self):
        return Festival.objects.all()


class StorySitemap(PublicSitemap):
    model = Story


class ResourceSitemap(PublicSitemap):
    model = Resource


class OpportunitySitemap(PublicSitemap):
    model = LearningOpportunity


class ConsultationSitemap(PublicSitemap):
    model = Consultation


class PageSitemap(CanonicalSitemap):
    """The home page, the lists and the open data page."""

    changefreq = "daily"

    def items(self):
        return [
            "core:home",
            "projects:list",
            "programs:list",
            "challenges:list",
            "events:list",
            "festival:home",
            "campus:catalogue",
            "stories:list",
            "consultations:list",
            "sdgs:list",
            "orgs:list",
            "maps:index",
            "opendata:index",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap,
    "projects": ProjectSitemap,
    "organisations": OrganisationSitemap,
    "people": ProfileSitemap,
    "sdgs": GoalSitemap,
    "challenges": ChallengeSitemap,
    "events": EventSitemap,
    "festivals": FestivalSitemap,
    "stories": StorySitemap,
    "resources": ResourceSitemap,
    "opportunities": OpportunitySitemap,
    "consultations": ConsultationSitemap,
}


@require_safe
def sitemap_index(request: HttpRequest) -> HttpResponse:
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap_section")


@require_safe
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    return sitemap_views.sitemap(request, SITEMAPS, section=section)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Allow: /",
        *(f"Disallow: {path}" for path in ROBOTS_DISALLOW),
        "",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap_index')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
