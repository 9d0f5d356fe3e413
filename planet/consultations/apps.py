from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "planet.consultations"
    verbose_name = _("Youth consultations")

    def ready(self):
        from planet.consultations.models import Consultation, Proposal, ProposalComment
        from planet.moderation.registry import Flaggable, register

        register(
            Flaggable(
                model=Consultation,
                label="consultation",
                owner=lambda consultation: consultation.created_by,
                title=lambda consultation: consultation.title,
            )
        )
        register(
            Flaggable(
                model=Proposal,
                label="proposal",
                owner=lambda proposal: proposal.participant.user,
                title=lambda proposal: proposal.title,
            )
        )
        register(
            Flaggable(
                model=ProposalComment,
                label="proposal-comment",
                owner=lambda comment: comment.author,
                title=lambda comment: comment.body[:80],
            )
        )
