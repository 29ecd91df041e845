"""The staff roles and what each may do.

Roles are Django groups, created by a data migration (accounts/migrations/0002). Their
permissions are declared here, in code, and applied after every `migrate` (accounts/apps.py):
permissions for a model exist only once its app has migrated, so a later app's models get
into the right groups without another data migration.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DISNAKER = "disnaker_staff", _("Disnaker staff")
    TKP3D = "tkp3d_member", _("TKP3D member")
    PARTNER = "partner_staff", _("Partner-institution staff")
    BANK = "bank_officer", _("Bank officer")
    BANK_SUPERVISOR = "bank_supervisor", _("Bank supervisor")
    EMPLOYER = "employer_staff", _("Employer staff")
    SENDING_ORG = "sending_org_staff", _("Sending-organisation staff")


PROJECT_APPS = (
    "core", "accounts", "seekers", "trainings", "placements", "overseas", "financing", "notifications", "dashboard",
)  # fmt: skip

# "app_label.codename"; "app_label.*" means every permission of that app.
ROLE_PERMISSIONS: dict[Role, list[str]] = {
    # Everything in the domain apps; of accounts only looking after people's accounts (who may
    # grant staff powers and roles is the superuser's call, see accounts/admin.py).
    Role.DISNAKER: [f"{app}.*" for app in PROJECT_APPS if app != "accounts"]
    + ["accounts.view_user", "accounts.add_user", "accounts.change_user", "accounts.view_tkp3d_dashboard"],
    Role.TKP3D: ["accounts.view_tkp3d_dashboard"],
    Role.PARTNER: ["accounts.access_partner_portal"],
    Role.BANK: ["accounts.access_bank_portal"],
    # Confirms the decisions of bank officers above the bank's four-eyes amount (financing).
    Role.BANK_SUPERVISOR: ["accounts.access_bank_portal"],
    # Scoped to one employer by placements.EmployerStaff (verified by Disnaker).
    Role.EMPLOYER: ["placements.access_employer_portal"],
    # Linked to one organisation (overseas.SendingOrganisationStaff); sees its own candidates only.
    Role.SENDING_ORG: ["overseas.access_sending_org_pages"],
}

# The audit trail is append-only, for everyone.
NEVER_GRANTED = {"core.add_auditlog", "core.change_auditlog", "core.delete_auditlog"}


def sync_role_permissions(*, using="default"):
    from django.contrib.auth.models import Group, Permission

    for role, specs in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=role.value)
        perms = set()
        for spec in specs:
            app_label, codename = spec.split(".", 1)
            qs = Permission.objects.using(using).filter(content_type__app_label=app_label)
            if codename != "*":
                qs = qs.filter(codename=codename)
            perms.update(
                p
                for p in qs.select_related("content_type")
                if f"{p.content_type.app_label}.{p.codename}" not in NEVER_GRANTED
            )
        group.permissions.set(perms)
