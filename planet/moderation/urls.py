from django.urls import path

from planet.moderation import views

app_name = "moderation"
urlpatterns = [
    path("audit/", views.audit_log, name="audit"),
    path("curators/", views.curators, name="curators"),
    path("flag/<slug:label>/<int:pk>/", views.flag, name="flag"),
    path("queue/", views.queue, name="queue"),
    path("queue/<slug:label>/<int:pk>/", views.item, name="item"),
    path("queue/<slug:label>/<int:pk>/<slug:action>/", views.act, name="act"),
]
