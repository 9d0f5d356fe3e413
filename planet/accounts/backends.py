from django.contrib.auth.backends import BaseBackend

# Apps whose content curators may change in the admin; they may view every model.
CURATED_APPS = {
    "accounts.profile",
    "orgs.organisation",
    "projects.project",
    "projects.comment",
    "innovators",
}


class CuratorPermissionBackend(BaseBackend):
    """Curators are a site-wide role, not a group: their admin rights follow from the role."""

    def has_perm(self, user_obj, perm, obj=None):
        if not getattr(user_obj, "is_curator", False):
            return False
        app_label, _, codename = perm.partition(".")
        if codename.startswith("view_"):
            return True
        if codename.startswith("change_"):
            model = codename.removeprefix("change_")
            return app_label in CURATED_APPS or f"{app_label}.{model}" in CURATED_APPS
        return False

    def has_module_perms(self, user_obj, app_label):
        return getattr(user_obj, "is_curator", False)
