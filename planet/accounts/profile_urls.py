from django.urls import path

from planet.accounts import views

app_name = "profiles"
urlpatterns = [
    path("<slug:handle>/", views.profile_detail, name="detail"),
]
