from django.urls import path

from planet.challenges.views import challenges, entries, jury, results

app_name = "challenges"
urlpatterns = [
    # Challenges and their submission form (organisers).
    path("", challenges.challenge_list, name="list"),
    path("new/", challenges.challenge_create, name="create"),
    path("mine/", entries.my_entries, name="mine"),
    path("jury/accept/<str:token>/", jury.invitation_accept, name="jury_accept"),
    path("<slug:slug>/", challenges.challenge_detail, name="detail"),
    path("<slug:slug>/edit/", challenges.challenge_edit, name="edit"),
    path("<slug:slug>/publish/", challenges.challenge_publish, name="publish"),
    path("<slug:slug>/form/", challenges.questions, name="questions"),
    path("<slug:slug>/form/<int:pk>/", challenges.question_edit, name="question_edit"),
    path("<slug:slug>/form/<int:pk>/delete/", challenges.question_delete, name="question_delete"),
    path("<slug:slug>/form/<int:pk>/move/", challenges.question_move, name="question_move"),
    # Entries (entrants), public voting.
    path("<slug:slug>/enter/", entries.entry_create, name="enter"),
    path("<slug:slug>/entries/<int:pk>/", entries.entry_detail, name="entry"),
    path("<slug:slug>/entries/<int:pk>/edit/", entries.entry_edit, name="entry_edit"),
    path("<slug:slug>/entries/<int:pk>/withdraw/", entries.entry_withdraw, name="entry_withdraw"),
    path("<slug:slug>/entries/<int:pk>/vote/", entries.vote, name="vote"),
    path("<slug:slug>/vote/", entries.voting, name="voting"),
    # Jury: invitations, rubric, assignment, reviews (jurors), ranking and outcomes (organisers).
    path("<slug:slug>/jury/", jury.jury, name="jury"),
    path("<slug:slug>/jury/invite/", jury.invite, name="jury_invite"),
    path("<slug:slug>/jury/<int:pk>/remove/", jury.juror_remove, name="jury_remove"),
    path("<slug:slug>/jury/assign/", jury.assign, name="assign"),
    path("<slug:slug>/rubric/", jury.rubric, name="rubric"),
    path("<slug:slug>/rubric/<int:pk>/", jury.criterion_edit, name="criterion_edit"),
    path("<slug:slug>/rubric/<int:pk>/delete/", jury.criterion_delete, name="criterion_delete"),
    path("<slug:slug>/reviews/", jury.my_reviews, name="reviews"),
    path("<slug:slug>/reviews/<int:pk>/", jury.review, name="review"),
    path("<slug:slug>/reviews/<int:pk>/conflict/", jury.conflict, name="conflict"),
    path("<slug:slug>/ranking/", jury.ranking_page, name="ranking"),
    path("<slug:slug>/ranking/shortlist/", jury.shortlist, name="shortlist"),
    path("<slug:slug>/ranking/<int:pk>/outcome/", jury.outcome, name="outcome"),
    path("<slug:slug>/export.csv", jury.export_csv, name="export"),
    # Results (public once published; the organiser finalises them).
    path("<slug:slug>/finalise/", results.finalise, name="finalise"),
    path("<slug:slug>/results/", results.results_page, name="results"),
    path("<slug:slug>/gallery/", results.gallery, name="gallery"),
]
