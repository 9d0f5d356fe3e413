from django.urls import path

from planet.moderation import views

app_name = "moderation"
urlpatterns = [
    path("audit/", views.audit_log, name="audit"),
    path("curators/", views.curators, name="curators"),
]
