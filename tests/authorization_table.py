# ruff: noqa: E501 - one row per URL reads best on one line
"""Who may open which page: the expected GET outcome of every URL name for every role (used by
tests/test_authorization_table.py; a URL without a row fails that test). Reviewed by hand when
frozen on the security branch; every new page adds its row here.

ok 200 · login: to the login page · redirect: elsewhere (e.g. a seeker page for someone without a
profile) · denied 403 · missing 404 (another tenant's object) · method 405 (a POST-only action).
"""

ROLES = ["anonymous", "seeker_a", "seeker_b", "partner_a", "partner_b", "bank", "tkp3d", "disnaker", "superuser"]
ADMIN_URLS = ["admin:index", "admin:seekers_jobseeker_changelist", "admin:seekers_jobseeker_change"]


def _row(*outcomes):
    assert len(outcomes) == len(ROLES)
    return dict(zip(ROLES, outcomes, strict=True))


# fmt: off
TABLE: dict[str, dict[str, str]] = {
    "accounts:after_login": _row('login', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect'),
    "accounts:login": _row('ok', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect'),
    "accounts:logout": _row('method', 'method', 'method', 'method', 'method', 'method', 'method', 'method', 'method'),
    "accounts:otp_enrol": _row('login', 'redirect', 'redirect', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
    "accounts:otp_verify": _row('login', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect'),
    "accounts:password_reset": _row('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
    "accounts:password_reset_complete": _row('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
    "accounts:password_reset_confirm": _row('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
    "accounts:password_reset_done": _row('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
    "core:home": _row('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
    "dashboard:index": _row('login', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok', 'ok', 'ok'),
    "financing:bank_home": _row('login', 'denied', 'denied', 'denied', 'denied', 'ok', 'denied', 'denied', 'ok'),
    "financing:index": _row('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
    "healthz": _row('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
    "notifications:inbox": _row('login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
    "notifications:mark_all_read": _row('login', 'method', 'method', 'method', 'method', 'method', 'method', 'method', 'method'),
    "notifications:mark_read": _row('login', 'method', 'method', 'method', 'method', 'method', 'method', 'method', 'method'),
    "notifications:preferences": _row('login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
    "overseas:index": _row('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
    "placements:index": _row('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
    "seekers:card": _row('login', 'ok', 'ok', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect'),
    "seekers:card_issue": _row('method', 'method', 'method', 'method', 'method', 'method', 'method', 'method', 'method'),
    "seekers:card_pdf": _row('login', 'ok', 'missing', 'missing', 'missing', 'missing', 'missing', 'ok', 'ok'),
    "seekers:card_report": _row('login', 'ok', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect'),
    "seekers:card_verify": _row('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
    "seekers:dashboard": _row('login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
    "seekers:deletion_request": _row('login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
    "seekers:document": _row('login', 'ok', 'missing', 'missing', 'missing', 'missing', 'missing', 'ok', 'ok'),
    "seekers:document_thumbnail": _row('login', 'ok', 'missing', 'missing', 'missing', 'missing', 'missing', 'ok', 'ok'),
    "seekers:my_data": _row('login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
    "seekers:profile_documents": _row('login', 'ok', 'ok', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect'),
    "seekers:profile_education": _row('login', 'ok', 'ok', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect'),
    "seekers:profile_experience": _row('login', 'ok', 'ok', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect'),
    "seekers:profile_personal": _row('login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
    "seekers:profile_preferences": _row('login', 'ok', 'ok', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect'),
    "seekers:profile_skills": _row('login', 'ok', 'ok', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect'),
    "seekers:register": _row('ok', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect'),
    "set_language": _row('method', 'method', 'method', 'method', 'method', 'method', 'method', 'method', 'method'),
    "trainings:apply": _row('login', 'method', 'method', 'method', 'method', 'method', 'method', 'method', 'method'),
    "trainings:catalogue": _row('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
    "trainings:certificate_pdf": _row('login', 'missing', 'missing', 'missing', 'missing', 'missing', 'missing', 'missing', 'missing'),
    "trainings:certificate_verify": _row('missing', 'missing', 'missing', 'missing', 'missing', 'missing', 'missing', 'missing', 'missing'),
    "trainings:my_trainings": _row('login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
    "trainings:partner_attendance": _row('login', 'denied', 'denied', 'ok', 'missing', 'denied', 'denied', 'denied', 'ok'),
    "trainings:partner_batch": _row('login', 'denied', 'denied', 'ok', 'missing', 'denied', 'denied', 'denied', 'ok'),
    "trainings:partner_batch_finish": _row('login', 'denied', 'denied', 'method', 'method', 'denied', 'denied', 'denied', 'method'),
    "trainings:partner_batch_start": _row('login', 'denied', 'denied', 'method', 'method', 'denied', 'denied', 'denied', 'method'),
    "trainings:partner_complete": _row('login', 'denied', 'denied', 'method', 'method', 'denied', 'denied', 'denied', 'method'),
    "trainings:partner_decide": _row('login', 'denied', 'denied', 'method', 'method', 'denied', 'denied', 'denied', 'method'),
    "trainings:partner_drop": _row('login', 'denied', 'denied', 'method', 'method', 'denied', 'denied', 'denied', 'method'),
    "trainings:partner_enrolment": _row('login', 'denied', 'denied', 'ok', 'missing', 'denied', 'denied', 'denied', 'ok'),
    "trainings:partner_export_csv": _row('login', 'denied', 'denied', 'ok', 'missing', 'denied', 'denied', 'denied', 'ok'),
    "trainings:partner_export_xlsx": _row('login', 'denied', 'denied', 'ok', 'missing', 'denied', 'denied', 'denied', 'ok'),
    "trainings:partner_home": _row('login', 'denied', 'denied', 'ok', 'ok', 'denied', 'denied', 'denied', 'ok'),
    "trainings:partner_outcome": _row('login', 'denied', 'denied', 'method', 'method', 'denied', 'denied', 'denied', 'method'),
    "trainings:partner_scores": _row('login', 'denied', 'denied', 'method', 'method', 'denied', 'denied', 'denied', 'method'),
    "trainings:partner_sessions": _row('login', 'denied', 'denied', 'ok', 'missing', 'denied', 'denied', 'denied', 'ok'),
    "trainings:program": _row('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
    "trainings:withdraw": _row('login', 'method', 'method', 'method', 'method', 'method', 'method', 'method', 'method'),
    "admin:index": _row('login', 'login', 'login', 'login', 'login', 'login', 'login', 'ok', 'ok'),
    "admin:seekers_jobseeker_changelist": _row('login', 'login', 'login', 'login', 'login', 'login', 'login', 'ok', 'ok'),
    "admin:seekers_jobseeker_change": _row('login', 'login', 'login', 'login', 'login', 'login', 'login', 'ok', 'ok'),
}
# fmt: on
