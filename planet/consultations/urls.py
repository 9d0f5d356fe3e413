from django.urls import path

from planet.consultations.views import pages, proposals

app_name = "consultations"
urlpatterns = [
    path("", pages.consultation_list, name="list"),
    path("new/", pages.consultation_create, name="create"),
    path("<slug:slug>/", pages.consultation_detail, name="detail"),
    path("<slug:slug>/edit/", pages.consultation_edit, name="edit"),
    path("<slug:slug>/publish/", pages.consultation_publish, name="publish"),
    path("<slug:slug>/results/", pages.results_page, name="results"),
    path("<slug:slug>/summary/", pages.summary_edit, name="summary"),
    path("<slug:slug>/propose/", proposals.proposal_create, name="propose"),
    path("<slug:slug>/proposals/<int:pk>/", proposals.proposal_detail, name="proposal"),
    path("<slug:slug>/proposals/<int:pk>/support/", proposals.support, name="support"),
    path("<slug:slug>/proposals/<int:pk>/unsupport/", proposals.unsupport, name="unsupport"),
    path("<slug:slug>/proposals/<int:pk>/comment/", proposals.comment_create, name="comment"),
    path("<slug:slug>/proposals/<int:pk>/answer/", proposals.answer, name="answer"),
]
