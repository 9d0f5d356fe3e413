"""What the project page shows of a program and of its impact: each section gathers its own
data in a fixed number of queries."""

from planet.programs.views import impact, pedagogy, spread


def program_sections(request, project, actions: set[str]) -> dict:
    return {
        **pedagogy.section(request, project, actions),
        **impact.section(request, project, actions),
        **spread.section(request, project, actions),
    }
