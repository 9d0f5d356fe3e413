from django.conf import settings


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "map_tiles": settings.MAP_TILE_URL,
        "map_attribution": settings.MAP_ATTRIBUTION,
    }
