from django.urls import path

from planet.opendata import views

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("datapackage.json", views.datapackage, name="datapackage"),
    path("located.geojson", views.located_geojson, name="geojson"),
    path("<slug:name>.csv", views.table_csv, name="csv"),
    path("<slug:name>.jsonl", views.table_jsonl, name="jsonl"),
]
