from django.urls import path

from planet.projects.views import browse, conversation, curation, pages, team

app_name = "projects"
urlpatterns = [
    path("", browse.project_list, name="list"),
    path("new/", pages.project_create, name="create"),
    path("review/", curation.review_queue, name="review_queue"),
    path("invitations/<str:token>/", team.invitation, name="invitation"),
    path("<slug:slug>/", pages.project_detail, name="detail"),
    path("<slug:slug>/edit/", pages.project_edit, name="edit"),
    path("<slug:slug>/delete/", pages.project_delete, name="delete"),
    path("<slug:slug>/transition/<str:action>/", curation.transition, name="transition"),
    path("<slug:slug>/team/", team.team_manage, name="team"),
    path("<slug:slug>/team/join/", team.join_request, name="join"),
    path("<slug:slug>/team/leave/", team.leave, name="leave"),
    path("<slug:slug>/updates/new/", conversation.update_create, name="update_create"),
    path("<slug:slug>/comments/", conversation.comment_create, name="comment_create"),
    path("<slug:slug>/comments/<int:pk>/edit/", conversation.comment_edit, name="comment_edit"),
    path(
        "<slug:slug>/comments/<int:pk>/delete/", conversation.comment_delete, name="comment_delete"
    ),
    path("<slug:slug>/follow/", conversation.follow, name="follow"),
    path("<slug:slug>/needs/", conversation.needs_manage, name="needs"),
    path("<slug:slug>/needs/<int:pk>/offer/", conversation.offer_help, name="offer_help"),
]
