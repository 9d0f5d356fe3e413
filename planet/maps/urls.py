from django.urls import path

from planet.maps import views

app_name = "maps"
urlpatterns = [
    path("", views.world_map, name="index"),
    path("geojson", views.geojson, name="geojson"),
]
