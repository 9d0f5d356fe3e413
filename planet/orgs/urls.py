from django.urls import path

from planet.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("mine/", views.my_organisations, name="mine"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
]
