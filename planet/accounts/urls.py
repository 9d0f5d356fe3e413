from django.urls import path

from planet.accounts import views

app_name = "accounts"
urlpatterns = [
    # shadows allauth's page at the same address (see planet/urls.py): same form, status 429
    path("login/", views.login, name="login"),
    path("settings/", views.profile_settings, name="settings"),
    path("delete/", views.delete_account, name="delete"),
]
