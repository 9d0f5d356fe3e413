from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from planet.lib.images import ImageUploadField
from planet.lib.invitations import InvitationAdminBase
from planet.moderation.models import AuditLog
from planet.orgs.forms import LOGO_SIDE
from planet.orgs.models import Invitation, Membership, Organisation

ADMIN_REASON = "Changed in the Django admin"


def _audit_membership(actor, membership, action: str, **details) -> None:
    AuditLog.record(
        actor,
        f"org.{action}",
        membership.organisation,
        reason=ADMIN_REASON,
        member_id=membership.user_id,
        member=str(membership.user.display_name),
        **details,
    )


class OrganisationAdminForm(forms.ModelForm):
    """Logos uploaded here are checked and re-encoded as on the site."""

    logo = ImageUploadField(label=_("Logo"), max_side=LOGO_SIDE)

    class Meta:
        model = Organisation
        fields = ["name", "kind", "country", "website", "description", "logo", "is_partner"]


class MembershipInline(admin.TabularInline):
    model = Membership
    raw_id_fields = ["user"]
    readonly_fields = ["joined_at"]
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    form = OrganisationAdminForm
    list_display = ["name", "kind", "country", "is_partner", "created_at"]
    list_filter = ["kind", "country", "is_partner"]
    search_fields = ["name", "slug", "website"]
    readonly_fields = ["slug", "created_by", "created_at", "updated_at"]
    fields = [
        "name",
        "slug",
        "kind",
        "country",
        "website",
        "description",
        "logo",
        "is_partner",
        "created_by",
        "created_at",
        "updated_at",
    ]
    inlines = [MembershipInline]
    date_hierarchy = "created_at"

    def save_formset(self, request, form, formset, change):
        """Role changes and removals made here are audited like those made on the site."""
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        changed = {
            f.instance.pk: f.initial.get("role")
            for f in formset.forms
            if f.instance.pk and "role" in f.changed_data
        }
        memberships = formset.save()
        for membership in memberships:
            if membership.pk in changed:
                old = changed[membership.pk]
                _audit_membership(request.user, membership, "member_role_changed",
                                  old=str(old), new=str(membership.role))  # fmt: skip
        for membership in formset.deleted_objects:
            _audit_membership(request.user, membership, "member_removed", role=membership.role)
        return memberships

    def delete_model(self, request, obj):
        AuditLog.record(request.user, "org.deleted", obj, reason=ADMIN_REASON, slug=obj.slug)
        super().delete_model(request, obj)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "joined_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__profile__display_name", "organisation__name"]
    raw_id_fields = ["user", "organisation"]
    list_select_related = ["user__profile", "organisation"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "role" in form.changed_data:
            _audit_membership(request.user, obj, "member_role_changed",
                              old=str(form.initial.get("role")), new=str(obj.role))  # fmt: skip

    def delete_model(self, request, obj):
        _audit_membership(request.user, obj, "member_removed", role=obj.role)
        super().delete_model(request, obj)


@admin.register(Invitation)
class InvitationAdmin(InvitationAdminBase):
    parent, parent_label_field = "organisation", "name"
