from django.urls import path

from planet.programs.views import impact, pedagogy, spread

app_name = "programs"
urlpatterns = [
    path("programs/", spread.program_list, name="list"),
    path("projects/<slug:slug>/pedagogy/", pedagogy.pedagogy_edit, name="pedagogy_edit"),
    path("projects/<slug:slug>/materials/", pedagogy.materials, name="materials"),
    path(
        "projects/<slug:slug>/materials/<int:pk>/delete/",
        pedagogy.material_delete,
        name="material_delete",
    ),
    path("projects/<slug:slug>/replicate/", pedagogy.replicate, name="replicate"),
    path("projects/<slug:slug>/spread/", spread.spread_page, name="spread"),
    path("projects/<slug:slug>/impact/", impact.report_list, name="impact_list"),
    path("projects/<slug:slug>/impact/new/", impact.report_create, name="impact_create"),
    path("projects/<slug:slug>/impact/<int:pk>/edit/", impact.report_edit, name="impact_edit"),
    path(
        "projects/<slug:slug>/impact/<int:pk>/delete/", impact.report_delete, name="impact_delete"
    ),
    path(
        "projects/<slug:slug>/impact/<int:pk>/verify/", impact.report_verify, name="impact_verify"
    ),
]
