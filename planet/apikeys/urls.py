from django.urls import path

from planet.apikeys import views

app_name = "apikeys"
urlpatterns = [
    path("", views.token_list, name="list"),
    path("<int:pk>/revoke/", views.revoke_token, name="revoke"),
]
