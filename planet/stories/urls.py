from django.urls import path

from planet.stories import feeds, views

app_name = "stories"
urlpatterns = [
    path("", views.story_list, name="list"),
    path("new/", views.story_create, name="create"),
    path("submit/", views.story_share, name="share"),
    path("mine/", views.my_stories, name="mine"),
    path("review/", views.review_queue, name="review"),
    path("editors/", views.editors, name="editors"),
    # Feeds: all stories, one kind, one SDG.
    path("feed/rss/", feeds.StoryFeed(), name="feed_rss"),
    path("feed/atom/", feeds.AtomStoryFeed(), name="feed_atom"),
    path("kind/<str:kind>/feed/rss/", feeds.KindRssFeed(), name="kind_feed_rss"),
    path("kind/<str:kind>/feed/atom/", feeds.KindAtomFeed(), name="kind_feed_atom"),
    path("sdg/<int:number>/feed/rss/", feeds.GoalRssFeed(), name="sdg_feed_rss"),
    path("sdg/<int:number>/feed/atom/", feeds.GoalAtomFeed(), name="sdg_feed_atom"),
    # One story.
    path("<slug:slug>/", views.story_detail, name="detail"),
    path("<slug:slug>/edit/", views.story_edit, name="edit"),
    path("<slug:slug>/send/", views.story_send, name="send"),
    path("<slug:slug>/publication/", views.story_publication, name="publication"),
    path("<slug:slug>/decide/", views.decide, name="decide"),
]
