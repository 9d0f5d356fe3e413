from django.urls import path

from planet.accounts import views

app_name = "accounts"
urlpatterns = [
    path("settings/", views.profile_settings, name="settings"),
    path("delete/", views.delete_account, name="delete"),
]
