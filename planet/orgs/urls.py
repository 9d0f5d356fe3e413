from django.urls import path

from planet.orgs import people_views, views

app_name = "orgs"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("mine/", views.my_organisations, name="mine"),
    path("new/", views.organisation_create, name="create"),
    path("invitations/<str:token>/", people_views.invitation, name="invitation"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/edit/", views.organisation_edit, name="edit"),
    path("<slug:slug>/delete/", views.organisation_delete, name="delete"),
    path("<slug:slug>/leave/", people_views.leave, name="leave"),
    path("<slug:slug>/members/", people_views.members_manage, name="members"),
    path("<slug:slug>/members/<int:pk>/role/", people_views.member_role, name="member_role"),
    path("<slug:slug>/members/<int:pk>/remove/", people_views.member_remove, name="member_remove"),
    path(
        "<slug:slug>/invitations/<int:pk>/revoke/",
        people_views.invitation_revoke,
        name="invitation_revoke",
    ),
]
