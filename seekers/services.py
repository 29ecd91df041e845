"""Every write to a job seeker's data goes through here."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.services import user_create, user_erase
from core.services import audit, next_serial
from core.workflow import transition

from . import nik as nik_rules
from . import notifying
from .models import (
    CONSENT_NOTICE_VERSION,
    NIK_TAKEN,
    AK1Card,
    AK1Report,
    Consent,
    DeletionRequest,
    Document,
    JobSeeker,
    Skill,
)
from .uploads import check_pdf, reencode_image


def seeker_register(*, email, phone, full_name, password):
    """Create a job seeker's account, with their consent recorded first (UU PDP)."""
    with transaction.atomic():
        # Two sign-ups with the same email/number at once: user_create turns the unique
        # constraint's refusal into ValidationError(code="account_taken").
        user = user_create(email=email, phone=phone, password=password, full_name=full_name)
        Consent.objects.create(
            user=user, purpose=Consent.Purpose.JOB_SEEKER_SERVICES, notice_version=CONSENT_NOTICE_VERSION
        )
    return user


def _flag_nik(seeker):
    problems = nik_rules.mismatches(seeker.nik, birth_date=seeker.birth_date, gender=seeker.gender)
    seeker.nik_flagged = bool(problems)
    seeker.nik_flag_note = "; ".join(problems)[:255]


PERSONAL_FIELDS = [
    "nik", "full_name", "birth_place", "birth_date", "gender", "marital_status", "religion", "address",
    "domicile_kecamatan_id", "domicile_desa_id", "domicile_outside", "phone",
]  # fmt: skip


def _changed_personal_fields(seeker) -> list[str]:
    stored = JobSeeker.objects.filter(pk=seeker.pk).values(*PERSONAL_FIELDS).first() or {}
    return [name for name in PERSONAL_FIELDS if stored.get(name) != getattr(seeker, name)]


def profile_save(*, seeker: JobSeeker, actor):
    """Create or update the personal data of a profile. A NIK that is already registered (even
    by a request committed a millisecond earlier) becomes a form error, never a server error."""
    creating = seeker.pk is None
    if not seeker.domicile_kecamatan_id:
        seeker.domicile_desa = None
    _flag_nik(seeker)
    try:
        with transaction.atomic():
            changed = [] if creating else _changed_personal_fields(seeker)
            seeker.save()
            if creating:
                audit(actor=actor, obj=seeker, action="profile_created")
            elif changed:
                # Which fields, not their values: the trail must not become a copy of the data.
                audit(actor=actor, obj=seeker, action="profile_updated", reason=", ".join(changed))
    except IntegrityError as exc:
        if "nik" in str(exc).lower() or JobSeeker.objects.filter(nik=seeker.nik).exclude(pk=seeker.pk).exists():
            if creating:
                seeker.pk = None
            raise ValidationError({"nik": ValidationError(NIK_TAKEN, code="nik_taken")}) from None
        raise
    return seeker


def skills_set(*, seeker: JobSeeker, names) -> bool:
    """Replace the seeker's skills with `names` (free tags, stored lower-case, deduplicated);
    whether they changed. Part of a profile save (`profile_section_save`), or of the demo data."""
    cleaned = sorted({" ".join(n.split()).lower()[:60] for n in names if n.strip()})
    before = set(seeker.skills.values_list("name", flat=True))
    existing = {s.name: s for s in Skill.objects.filter(name__in=cleaned)}
    Skill.objects.bulk_create([Skill(name=n) for n in cleaned if n not in existing], ignore_conflicts=True)
    seeker.skills.set(Skill.objects.filter(name__in=cleaned))
    return before != set(cleaned)


def _formset_changes(formset) -> list[str]:
    """What a saved inline formset changed, by name: "education+" (a row added),
    "education.school" (a field of a row changed), "education-" (a row removed)."""
    kind = formset.model._meta.model_name
    changes = [f"{kind}+"] if formset.new_objects else []
    changes += sorted({f"{kind}.{name}" for _obj, names in formset.changed_objects for name in names})
    return changes + ([f"{kind}-"] if formset.deleted_objects else [])


def profile_section_save(*, seeker: JobSeeker, actor, profile_form=None, formsets=(), skills=None):
    """Save one page of the profile, validated by the caller: a form of the profile's own fields
    (`profile_form`, a ModelForm of `seeker`), the inline formsets of its rows (education,
    courses, experience, languages) and the skill names, all or nothing, with one audit row naming
    the fields and rows that changed (names only: the trail must not become a copy of the data)."""
    with transaction.atomic():
        # Two tabs saving the same profile at once queue here instead of interleaving their rows.
        JobSeeker.objects.select_for_update().filter(pk=seeker.pk).first()
        changed = []
        if profile_form is not None:
            changed += profile_form.changed_data
            profile_form.save()  # saves the profile row (and bumps updated_at) and its M2M fields
        if skills is not None and skills_set(seeker=seeker, names=skills):
            changed.append("skills")
        for formset in formsets:
            formset.save()
            changed += _formset_changes(formset)
        if changed:
            if profile_form is None:
                seeker.save(update_fields=["updated_at"])  # auto_now: the rows changed, so did the profile
            audit(actor=actor, obj=seeker, action="profile_updated", reason=", ".join(changed)[:1000])
    return changed


def document_store(*, seeker: JobSeeker, kind, upload):
    """Validate and store one document, replacing the previous one of that kind."""
    if kind == Document.Kind.PHOTO:
        encoded = reencode_image(upload)
        content, thumbnail, content_type = encoded.image, encoded.thumbnail, encoded.content_type
        name = "photo.jpg"
    else:
        content, thumbnail, content_type = check_pdf(upload), None, "application/pdf"
        name = "document.pdf"
    with transaction.atomic():
        # Lock the profile, not the document: on a first upload there is no document row to
        # lock, and a double-click would insert two (one of them a unique-constraint error).
        JobSeeker.objects.select_for_update().filter(pk=seeker.pk).first()
        old = Document.objects.filter(seeker=seeker, kind=kind).first()
        document = old or Document(seeker=seeker, kind=kind)
        old_files = [f.name for f in (old.file, old.thumbnail) if f] if old else []
        new_files = []
        try:
            document.file.save(name, ContentFile(content), save=False)
            new_files.append(document.file.name)
            if thumbnail:
                document.thumbnail.save("thumb.jpg", ContentFile(thumbnail), save=False)
                new_files.append(document.thumbnail.name)
            document.content_type = content_type
            document.size = len(content)
            document.save()
        except Exception:
            for new in new_files:  # nothing half-saved: no file without its row
                document.file.storage.delete(new)
            raise
        storage = document.file.storage
        transaction.on_commit(lambda: [storage.delete(n) for n in old_files])
    return document


def _next_card_number(year):
    return f"3216-{year}-{next_serial(name='ak1', year=year):06d}"


class CardError(ValidationError):
    pass


def card_issue(*, seeker: JobSeeker, actor):
    """Issue an AK/1 card to a seeker with a complete profile who lives in Kabupaten Bekasi."""
    if not seeker.is_local:
        raise CardError(_("The AK/1 card of Kabupaten Bekasi is for residents of Kabupaten Bekasi."), code="not_local")
    if not seeker.is_complete:
        raise CardError(_("Complete your profile first."), code="incomplete")
    today = timezone.localdate()
    try:
        with transaction.atomic():
            JobSeeker.objects.select_for_update().get(pk=seeker.pk)  # one issue at a time per seeker
            if AK1Card.objects.current().filter(seeker=seeker).exists():
                raise CardError(_("You already have an AK/1 card in force."), code="has_card")
            card = AK1Card.objects.create(
                seeker=seeker,
                number=_next_card_number(today.year),
                issued_at=today,
                valid_until=today + AK1Card.VALIDITY,
                next_report_due=today + AK1Card.REPORT_EVERY,
            )
            audit(actor=actor, obj=card, action="card_issued", to_status=card.status)
            notifying.card_changed(card, "card_issued")
    except IntegrityError:
        raise CardError(_("You already have an AK/1 card in force."), code="has_card") from None
    return card


def _card_transition(card, to_status, *, event, **kwargs):
    """Move the card and tell its holder, in one transaction."""
    with transaction.atomic():
        card = transition(card, to_status, **kwargs)
        card.seeker = JobSeeker.objects.select_related("user").get(pk=card.seeker_id)
        notifying.card_changed(card, event)
    return card


def card_renew(*, card: AK1Card, actor):
    """Two more years for an active or expired card (a suspended one is reinstated, not renewed),
    unless the holder has another card in force by now."""
    today = timezone.localdate()
    with transaction.atomic():
        JobSeeker.objects.select_for_update().get(pk=card.seeker_id)
        if AK1Card.objects.get(pk=card.pk).status == AK1Card.Status.SUSPENDED:
            raise CardError(_("A suspended card is reinstated, not renewed."), code="suspended")
        if AK1Card.objects.current().filter(seeker_id=card.seeker_id).exclude(pk=card.pk).exists():
            raise CardError(_("This job seeker has another AK/1 card in force."), code="has_card")
        return _card_transition(
            card,
            AK1Card.Status.ACTIVE,
            event="card_renewed",
            actor=actor,
            action="card_renewed",
            updates={
                "valid_until": today + AK1Card.VALIDITY,
                "next_report_due": today + AK1Card.REPORT_EVERY,
                "status_reason": "",
            },
        )


def card_suspend(*, card: AK1Card, actor, reason):
    return _card_transition(
        card, AK1Card.Status.SUSPENDED, event="card_suspended", actor=actor, reason=reason,
        updates={"status_reason": reason},
    )  # fmt: skip


def card_reinstate(*, card: AK1Card, actor):
    return _card_transition(
        card, AK1Card.Status.ACTIVE, event="card_reinstated", actor=actor, action="card_reinstated",
        updates={"status_reason": ""},
    )  # fmt: skip


def card_report(*, card: AK1Card, actor, still_looking, employer="", position="", start_date=None, note=""):
    """The holder's six-monthly report. Reporting a job closes the card (the goal reached)."""
    if card.status != AK1Card.Status.ACTIVE:
        raise CardError(_("Only an active card can be reported on."), code="not_active")
    with transaction.atomic():
        report = AK1Report.objects.create(
            card=card,
            still_looking=still_looking,
            employer=employer,
            position=position,
            start_date=start_date,
            note=note,
        )
        if still_looking:
            card = transition(
                card,
                AK1Card.Status.ACTIVE,
                actor=actor,
                action="card_reported",
                updates={"next_report_due": timezone.localdate() + AK1Card.REPORT_EVERY},
            )
        else:
            card = transition(
                card,
                AK1Card.Status.CLOSED,
                actor=actor,
                reason=_("Hired: %(position)s at %(employer)s") % {"position": position, "employer": employer},
                updates={"next_report_due": None, "status_reason": f"{position} @ {employer}"[:255]},
            )
            JobSeeker.objects.filter(pk=card.seeker_id).update(
                employment_status=JobSeeker.EmploymentStatus.HIRED, updated_at=timezone.now()
            )
            card.seeker = JobSeeker.objects.select_related("user").get(pk=card.seeker_id)
            notifying.card_changed(card, "card_closed")
    return report


def cards_expire(*, today=None):
    """Expire the active cards whose validity ended before `today` (a daily beat job)."""
    today = today or timezone.localdate()
    expired = 0
    for card in AK1Card.objects.filter(status=AK1Card.Status.ACTIVE, valid_until__lt=today).only("pk", "status"):
        _card_transition(card, AK1Card.Status.EXPIRED, event="card_expired", actor=None, action="card_expired")
        expired += 1
    return expired


def deletion_request(*, user, reason=""):
    with transaction.atomic():
        request = DeletionRequest.objects.create(user=user, reason=reason)
        audit(actor=user, obj=request, action="deletion_requested")
    return request


def audit_personal_data_view(*, actor, seeker, what):
    """Staff looked at a full NIK, CV or other document: UU PDP wants to know who and when."""
    audit(actor=actor, obj=seeker, action=f"viewed_{what}")


def deletion_carry_out(*, request: DeletionRequest, actor):
    """Delete the account, profile and files of a deletion request (UU PDP right to erasure)."""
    with transaction.atomic():
        request = DeletionRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != DeletionRequest.Status.REQUESTED or request.user is None:
            return request
        user = request.user
        audit(actor=actor, obj=request, action="deletion_carried_out")
        # Cascades to the profile, its documents (their files go after commit: seekers/apps.py),
        # cards and reports, and the enrolments (whose seats trainings gives back).
        user_erase(user=user)
        request.user = None  # the database already set it to NULL
        request.status = DeletionRequest.Status.DONE
        request.decided_at = timezone.now()
        request.save(update_fields=["user", "status", "decided_at"])
    return request
