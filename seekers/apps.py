from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


def _delete_files_after_commit(sender, instance, **kwargs):
    """However a document row goes (replaced, erased with its account, a cascade), its files go
    too, once the deletion has committed."""
    names = [f.name for f in (instance.file, instance.thumbnail) if f]
    storage = instance.file.storage
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


def _profile_section_context(seeker):
    """The dashboard's profile and card blocks (the first section; its models: sections.PROFILE_MODELS)."""
    return {"seeker": seeker, "card": seeker.current_card if seeker else None}


class SeekersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "seekers"
    verbose_name = _("Job seekers")

    def ready(self):
        post_delete.connect(_delete_files_after_commit, sender="seekers.Document", dispatch_uid="seekers_doc_files")

        from accounts import landing
        from core import glossary, metrics

        from .glossary import group as glossary_group

        glossary.register(glossary_group())  # /istilah-status/: what each status means
        from .metrics import AK1_CARDS_ISSUED

        # Everyone without a staff role is a (possible) job seeker: asked last.
        landing.register(
            "seeker", landing.Landing(applies=lambda user: True, url_name="seekers:dashboard", order=1000)
        )
        from . import sections

        sections.watch_defaults()  # the cached dashboard sections: the profile and reference data
        sections.register(
            sections.Section(
                name="profile", template="seekers/_profile_section.html", context=_profile_section_context, order=0
            )
        )
        metrics.count_when_audited(model="seekers.ak1card", action="card_issued", count=AK1_CARDS_ISSUED.inc)
