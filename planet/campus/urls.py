from django.urls import path

from planet.campus.views import opportunities, resources, review

app_name = "campus"
urlpatterns = [
    path("", resources.catalogue, name="catalogue"),
    path("propose/", resources.resource_propose, name="propose"),
    path("mine/", resources.my_proposals, name="mine"),
    path("review/", review.queue, name="review"),
    path("review/<str:kind>/<int:pk>/", review.decide_entry, name="decide"),
    path("opportunities/", opportunities.opportunity_list, name="opportunities"),
    path("opportunities/new/", opportunities.opportunity_create, name="opportunity_create"),
    path("opportunities/<slug:slug>/", opportunities.opportunity_detail, name="opportunity"),
    path("<slug:slug>/", resources.resource_detail, name="resource"),
    path("<slug:slug>/uses/", resources.declare_use, name="use"),
    path("<slug:slug>/reviews/", resources.write_review, name="review_write"),
]
