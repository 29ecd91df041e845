# ruff: noqa: E501 - one row per URL reads best on one line
"""Who may open which page: the expected GET outcome of every URL name for every role (used by
tests/test_authorization_table.py; a URL without a row fails that test). Every new page adds its row.

The rows were written from the role rules, not copied from what the code answered:
- a seeker sees only their own records; pages that need a job-seeker profile send everyone else
  (staff, partners, employers, banks) to their dashboard ("redirect");
- partner staff see their own institution's batches, trainees and graduates' placements;
- employer staff see their own company's vacancies, applicants and hires;
- bank officers see the loan files sent to their own bank; the supervisor is a bank officer of bank A
  who confirms above the four-eyes amount (same pages, same scope);
- TKP3D members see the dashboards and statistics only, never a person's data;
- Disnaker staff see everything in their remit (the staff pages of every app and the admin); the
  superuser has every permission, with the exceptions noted on the rows (tenant pages that belong to
  a tenant's staff, not to a permission).
Every object in a URL belongs to tenant A (seeker A, partner A, employer A, bank A), so a B persona
shows the tenant boundary: another tenant's object answers 404 ("missing"), with no hint that it exists.

Outcomes: ok 200 · login: to the login page · redirect: elsewhere · denied 403 (the wrong role) ·
missing 404 (not theirs) · method 405 (a POST-only action: its tenant checks are tested in each app).
"""

ROLES = [
    "anonymous", "seeker_a", "seeker_b", "partner_a", "partner_b", "employer_a", "employer_b", "bank_a", "bank_b",
    "supervisor", "tkp3d", "disnaker", "superuser",
]  # fmt: skip
GROUPS = {
    "signed_in": ROLES[1:],
    "seekers": ["seeker_a", "seeker_b"],
    "partners": ["partner_a", "partner_b"],
    "employers": ["employer_a", "employer_b"],
    "banks": ["bank_a", "bank_b", "supervisor"],
    "staff": ["disnaker", "superuser"],
}
ADMIN_URLS = ["admin:index", "admin:seekers_jobseeker_changelist", "admin:seekers_jobseeker_change"]


def row(everyone=None, **who):
    """The outcome for every role: `everyone` first, then groups (GROUPS), then single roles."""
    outcomes = dict.fromkeys(ROLES, everyone)
    for name in sorted(who, key=lambda n: -len(GROUPS.get(n, [n]))):  # the larger group first, single roles last
        for role in GROUPS.get(name, [name]):
            assert role in outcomes, name
            outcomes[role] = who[name]
    assert None not in outcomes.values(), f"no outcome for {[r for r, o in outcomes.items() if o is None]}"
    return outcomes


PUBLIC = row("ok")
SIGNED_IN = row("ok", anonymous="login")  # each person's own (possibly empty) page
POST_ONLY = row("method", anonymous="login")  # login first, then "POST only"
SEEKER_PAGE = row("redirect", anonymous="login", seekers="ok")  # needs a job-seeker profile
DISNAKER = row("denied", anonymous="login", staff="ok")  # Disnaker's staff pages
DISNAKER_POST = row("denied", anonymous="login", staff="method")
DASHBOARD = row("denied", anonymous="login", tkp3d="ok", staff="ok")
# Seeker A's own record: seeker A and Disnaker; everyone else 404.
SEEKER_A_ONLY = row("missing", anonymous="login", seeker_a="ok", staff="ok")
# Partner A's batch or trainee. The superuser passes (it holds the partner-portal permission and may
# see every batch); Disnaker staff do not hold the partner-portal permission (they use the admin).
PARTNER_A = row("denied", anonymous="login", partner_a="ok", partner_b="missing", superuser="ok")
PARTNER_POST = row("denied", anonymous="login", partners="method", superuser="method")
# Employer pages belong to employer staff, by role: 403 for every other role, the superuser too.
# Deliberate: a superuser is not anybody's HR officer, and employer A's page for a superuser would
# have to pick a company; Disnaker staff (and the superuser) see vacancies, applicants and hires of
# every company in the admin and through performance_pdf.
EMPLOYER = row("denied", anonymous="login", employers="ok")
EMPLOYER_A = row("denied", anonymous="login", employer_a="ok", employer_b="missing")
EMPLOYER_POST = row("denied", anonymous="login", employers="method")
# Bank pages: bank officers and supervisors, scoped to their own bank. The superuser passes the
# permission check but is nobody's bank officer: its queue and export are empty, a loan file is a
# 404 (harmless; Disnaker's own pages show every file).
BANK = row("denied", anonymous="login", banks="ok", superuser="ok")
BANK_A = row("denied", anonymous="login", bank_a="ok", supervisor="ok", bank_b="missing", superuser="missing")
BANK_POST = row("denied", anonymous="login", banks="method", superuser="method")
ADMIN = row("login", staff="ok")

# fmt: off
TABLE: dict[str, dict[str, str]] = {
    "accounts:after_login": row("redirect", anonymous="login"),
    "accounts:login": row("redirect", anonymous="ok"),
    "accounts:logout": row("method"),
    "accounts:otp_enrol": row("ok", anonymous="login", seekers="redirect"),  # every role enrols a second factor
    "accounts:otp_verify": row("redirect", anonymous="login"),  # nothing enrolled yet: to the enrolment
    "accounts:password_reset": PUBLIC,
    "accounts:password_reset_complete": PUBLIC,
    "accounts:password_reset_confirm": PUBLIC,
    "accounts:password_reset_done": PUBLIC,
    "accounts:password_reset_code": row("redirect"),  # no number asked for in this session: back to the form
    "accounts:verify_phone": row("redirect", anonymous="login"),  # these personas have no number: told so
    "core:favicon": row("HTTP 301"),
    "core:privacy": PUBLIC,
    "core:status_glossary": PUBLIC,
    "core:home": PUBLIC,
    "healthz": PUBLIC,
    "readyz": PUBLIC,
    "metrics": PUBLIC,  # from an allowed network (the test client's 127.0.0.1) or with the token; counts only (tests/test_metrics_privacy.py)
    "set_language": row("method"),

    # Dashboards (TKP3D and Disnaker) and open statistics.
    "dashboard:index": DASHBOARD,
    "dashboard:export_xlsx": DASHBOARD,
    "dashboard:report_pdf": DASHBOARD,
    "dashboard:report_request": row("method"),
    # TKP3D's own meeting report: delivered to whoever asked for it; others ask for their own.
    "dashboard:report_download": row("denied", anonymous="login", tkp3d="ok", staff="missing"),
    "statistics:csv": PUBLIC,
    "statistics:index": PUBLIC,
    "statistics:json": PUBLIC,

    # Notifications: each person's own.
    "notifications:inbox": SIGNED_IN,
    "notifications:mark_all_read": POST_ONLY,
    "notifications:mark_read": POST_ONLY,
    "notifications:preferences": SIGNED_IN,

    # Job seekers.
    "seekers:register": row("redirect", anonymous="ok"),
    "seekers:dashboard": SIGNED_IN,
    "seekers:my_data": SIGNED_IN,
    "seekers:deletion_request": SIGNED_IN,
    "seekers:profile_personal": SIGNED_IN,  # the first step makes the profile
    "seekers:profile_education": SEEKER_PAGE,
    "seekers:profile_experience": SEEKER_PAGE,
    "seekers:profile_skills": SEEKER_PAGE,
    "seekers:profile_preferences": SEEKER_PAGE,
    "seekers:profile_documents": SEEKER_PAGE,
    "seekers:card": SEEKER_PAGE,
    "seekers:card_issue": row("method"),
    "seekers:card_report": row("redirect", anonymous="login", seeker_a="ok"),  # seeker B has no card
    "seekers:card_pdf": SEEKER_A_ONLY,
    "seekers:card_verify": PUBLIC,  # the QR code's token: masked name, number, validity
    # Seeker A's CV: the person and Disnaker. Partner A (seeker A applied there) and employer A
    # (seeker A applied for its vacancy) see what their own applicant pages show, not the files.
    "seekers:document": SEEKER_A_ONLY,
    "seekers:document_thumbnail": SEEKER_A_ONLY,

    # Training.
    "trainings:catalogue": PUBLIC,
    "trainings:program": PUBLIC,
    "trainings:apply": POST_ONLY,
    "trainings:withdraw": POST_ONLY,
    "trainings:my_trainings": SIGNED_IN,
    "trainings:certificate_pdf": row("missing", anonymous="login", seeker_a="ok", partner_a="ok", staff="ok"),
    "trainings:certificate_verify": PUBLIC,  # the QR code's token
    "trainings:partner_home": row("denied", anonymous="login", partners="ok", superuser="ok"),
    "trainings:partner_batch": PARTNER_A,
    "trainings:partner_sessions": PARTNER_A,
    "trainings:partner_attendance": PARTNER_A,
    "trainings:partner_enrolment": PARTNER_A,
    "trainings:partner_export_csv": PARTNER_A,
    "trainings:partner_export_xlsx": PARTNER_A,
    "trainings:partner_decide": PARTNER_POST,
    "trainings:partner_batch_start": PARTNER_POST,
    "trainings:partner_batch_finish": PARTNER_POST,
    "trainings:partner_scores": PARTNER_POST,
    "trainings:partner_complete": PARTNER_POST,
    "trainings:partner_drop": PARTNER_POST,
    "trainings:partner_outcome": PARTNER_POST,

    # Placements: public pages and the seeker's.
    "placements:index": PUBLIC,
    "vacancies:list": PUBLIC,
    "vacancies:detail": PUBLIC,  # employer A's published vacancy
    "vacancies:register": PUBLIC,
    "placements:broker_report": PUBLIC,
    "placements:employer_request": PUBLIC,  # a company asks for an account
    "placements:apply": POST_ONLY,
    "placements:withdraw": POST_ONLY,
    "placements:my_applications": SIGNED_IN,
    "placements:my_placements": SEEKER_PAGE,
    # The one-tap answer from the follow-up SMS: the unguessable token is the key (people open it on
    # the phone the message came to, without logging in); it shows the employer and asks one question.
    "placements:follow_up": PUBLIC,
    # Seeker A's job at employer A, reported by partner A for its graduate: the evidence file for the
    # person, that employer, that institution and Disnaker.
    "placements:evidence": row("missing", anonymous="login", seeker_a="ok", partner_a="ok", employer_a="ok", staff="ok"),
    # Employer pages (employer A's vacancy, seeker A's application to it, the hire).
    "placements:employer_home": EMPLOYER,
    "placements:employer_placements": EMPLOYER,
    "placements:employer_vacancy_new": EMPLOYER,
    "placements:employer_vacancy": EMPLOYER_A,
    "placements:employer_vacancy_edit": row("denied", anonymous="login", employer_a="redirect", employer_b="missing"),  # published: only a draft can be changed, back to the vacancy
    "placements:employer_export": EMPLOYER_A,
    "placements:employer_application": EMPLOYER_A,
    "placements:employer_evidence": EMPLOYER_A,
    "placements:employer_vacancy_submit": EMPLOYER_POST,
    "placements:employer_vacancy_close": EMPLOYER_POST,
    "placements:employer_decide": EMPLOYER_POST,
    # Employer A's hires per year for Disnaker's letter: Disnaker and employer A.
    "placements:performance_pdf": row("missing", anonymous="login", employer_a="ok", staff="ok"),
    # The superuser is nobody's partner institution: no institution, a 404.
    "placements:partner_placements": row("denied", anonymous="login", partners="ok", superuser="missing"),
    "placements:propose": DISNAKER,  # employer A's vacancy

    # Financing.
    "financing:index": PUBLIC,
    "financing:simulator": PUBLIC,
    "financing:product": PUBLIC,  # bank A's published product
    "financing:apply": SIGNED_IN,  # the form, with what stands in the way (no profile, no course)
    "financing:my_applications": SIGNED_IN,
    "financing:my_application": row("missing", anonymous="login", seeker_a="ok"),  # Disnaker: staff_application
    "financing:my_terms": POST_ONLY,
    "financing:my_document": POST_ONLY,
    "financing:my_submit": POST_ONLY,
    "financing:my_offer": POST_ONLY,
    "financing:my_withdraw": POST_ONLY,
    # Seeker A's KTP scan in the file sent to bank A: the person, bank A (officer and supervisor), Disnaker.
    "financing:document": row("missing", anonymous="login", seeker_a="ok", bank_a="ok", supervisor="ok", staff="ok"),
    "financing:staff_queue": DISNAKER,
    "financing:staff_portfolio": DISNAKER,
    "financing:staff_export": DISNAKER,
    "financing:staff_application": DISNAKER,
    "financing:staff_verify": DISNAKER_POST,
    "financing:staff_return": DISNAKER_POST,
    "financing:staff_send": DISNAKER_POST,
    "financing:bank_home": BANK,
    "financing:bank_export": BANK,
    "financing:bank_repayments": row("denied", anonymous="login", banks="ok", superuser="missing"),  # no bank: 404
    "financing:bank_application": BANK_A,
    "financing:bank_decide": BANK_POST,
    "financing:bank_confirm": BANK_POST,
    "financing:bank_disburse": BANK_POST,
    "financing:bank_write_off": BANK_POST,
    "financing:partner_fees": row("denied", anonymous="login", partners="ok", superuser="ok"),

    # Overseas (the intake belongs to a sending organisation none of these personas works for).
    "overseas:index": PUBLIC,
    "overseas:intake": PUBLIC,
    "overseas:apply": POST_ONLY,
    "overseas:withdraw": POST_ONLY,
    "overseas:my_candidacy": SIGNED_IN,
    "overseas:staff_home": DISNAKER,
    "overseas:staff_candidates": DISNAKER,
    "overseas:staff_export_csv": DISNAKER,
    "overseas:staff_export_xlsx": DISNAKER,
    "overseas:staff_deployments": DISNAKER,
    "overseas:staff_returnees": DISNAKER,
    "overseas:staff_intake": DISNAKER,
    "overseas:staff_stage": DISNAKER,
    "overseas:staff_stage_sheet": DISNAKER,
    "overseas:staff_candidacy": DISNAKER,

    # The admin site (its own permissions guard each model: each app's test_admin).
    "admin:index": ADMIN,
    "admin:seekers_jobseeker_changelist": ADMIN,
    "admin:seekers_jobseeker_change": ADMIN,
}
# fmt: on

# POST-only actions on tenant A's objects, posted by the same kind of persona of tenant B: a 404
# and nothing changed (the GET walk above only sees "method" for these).
POST_AS_OTHER_TENANT = {
    "trainings:withdraw": "seeker_b",
    "trainings:partner_decide": "partner_b",
    "trainings:partner_batch_start": "partner_b",
    "trainings:partner_batch_finish": "partner_b",
    "trainings:partner_scores": "partner_b",
    "trainings:partner_complete": "partner_b",
    "trainings:partner_drop": "partner_b",
    "trainings:partner_outcome": "partner_b",
    "notifications:mark_read": "seeker_b",
    "placements:withdraw": "seeker_b",
    "placements:employer_vacancy_submit": "employer_b",
    "placements:employer_vacancy_close": "employer_b",
    "placements:employer_decide": "employer_b",
    "financing:my_terms": "seeker_b",
    "financing:my_document": "seeker_b",
    "financing:my_submit": "seeker_b",
    "financing:my_offer": "seeker_b",
    "financing:my_withdraw": "seeker_b",
    "financing:bank_decide": "bank_b",
    "financing:bank_confirm": "bank_b",
    "financing:bank_disburse": "bank_b",
    "financing:bank_write_off": "bank_b",
    "overseas:withdraw": "seeker_b",
}
