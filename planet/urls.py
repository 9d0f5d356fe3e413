from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from planet.api import api
from planet.projects.views import dashboard
from planet.sitemaps import robots_txt, sitemap_index, sitemap_section

urlpatterns = [
    path("", include("planet.core.urls")),
    path("api/v1/", api.urls),
    path("accounts/tokens/", include("planet.apikeys.urls")),
    path("accounts/", include("planet.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("people/", include("planet.accounts.profile_urls")),
    path("orgs/", include("planet.orgs.urls")),
    path("projects/", include("planet.projects.urls")),
    path("", include("planet.programs.urls")),
    path("challenges/", include("planet.challenges.urls")),
    path("events/", include("planet.events.urls")),
    path("festival/", include("planet.events.festival_urls")),
    path("consultations/", include("planet.consultations.urls")),
    path("stories/", include("planet.stories.urls")),
    path("campus/", include("planet.campus.urls")),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("sdg/", include("planet.sdgs.urls")),
    path("search/", include("planet.search.urls")),
    path("map/", include("planet.maps.urls")),
    path("moderation/", include("planet.moderation.urls")),
    path("opendata/", include("planet.opendata.urls")),
    path("sitemap.xml", sitemap_index, name="sitemap_index"),
    path("sitemap-<slug:section>.xml", sitemap_section, name="sitemap_section"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
