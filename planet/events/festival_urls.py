from django.urls import path

from planet.events.views import festival

app_name = "festival"
urlpatterns = [
    path("", festival.festival_home, name="home"),
    path("new/", festival.festival_create, name="create"),
    path("<slug:slug>/", festival.festival_edition, name="edition"),
    path("<slug:slug>/edit/", festival.festival_edit, name="edit"),
    path("<slug:slug>/propose/", festival.propose, name="propose"),
    path("<slug:slug>/review/", festival.review_queue, name="review"),
    path("<slug:slug>/review/<int:pk>/", festival.decide, name="decide"),
]
