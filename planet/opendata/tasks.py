"""Background work of the open data (django.tasks; `manage.py db_worker` runs it)."""

from django.tasks import task

from planet.opendata.build import publish_to_storage


@task()
def build_opendata() -> list[str]:
    """Write every open data file into the default storage under opendata/."""
    return publish_to_storage()
