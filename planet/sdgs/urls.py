from django.urls import path

from planet.sdgs import views

app_name = "sdgs"
urlpatterns = [
    path("", views.goal_list, name="list"),
    path("<int:number>/", views.goal_detail, name="detail"),
]
