"""No lost update where staff edit: optimistic concurrency for every ModelAdmin (issue 14).

When a change page is opened, the form carries a fingerprint of the row as loaded: one short
hash per editable field (no values, so no personal data in the page's hidden field). On save,
inside the admin's transaction, the row is locked (`SELECT ... FOR UPDATE`) and fingerprinted
again; a field that changed since the page was loaded refuses the save with a message naming
each such field and its current value. The form is shown again with the person's own input and
a fresh fingerprint, so saving again (after looking) applies their change on top of the new row.

Inline rows (a batch's attendance, an employer's hiring commitments) carry their own fingerprints
and are refused the same way. Every ModelAdmin registered on the admin site gets this through
`guard_admin_site()`, called from core's AppConfig.ready() (after the admin's autodiscover), so apps
added later are covered without doing anything. Every admin addition, change and deletion also writes the portal's own
audit row (core.services.audit), not only Django's admin history.

Status fields stay read-only in the admin (they move through core.workflow.transition()).
"""

import copy
import hashlib

from django import forms
from django.contrib import admin
from django.core import signing
from django.db import models
from django.forms.models import InlineForeignKeyField, construct_instance
from django.utils.translation import gettext_lazy as _

FIELD_NAME = "concurrency_fingerprint"
SALT = "core.concurrency"


def _comparable(obj, field) -> str:
    if isinstance(field, models.ManyToManyField):
        if obj.pk is None:
            return ""
        return ",".join(str(pk) for pk in sorted(getattr(obj, field.name).values_list("pk", flat=True)))
    value = field.value_from_object(obj)
    if hasattr(value, "name") and isinstance(field, models.FileField):
        value = value.name
    return repr(value)


def _model_fields(model, names):
    fields = {}
    for name in names:
        try:
            field = model._meta.get_field(name)
        except Exception:  # noqa: BLE001, S112 - a form-only field: not part of the row
            continue
        if getattr(field, "concrete", False) or isinstance(field, models.ManyToManyField):
            fields[name] = field
    return fields


def fingerprint(obj, names) -> dict[str, str]:
    """One short hash per model field among `names`, from the object's current values."""
    return {name: _digest(_comparable(obj, field)) for name, field in _model_fields(type(obj), names).items()}


def _display(obj, field) -> str:
    if isinstance(field, models.ManyToManyField):
        return ", ".join(str(o) for o in getattr(obj, field.name).all()[:20]) or "–"
    if field.choices:
        return str(getattr(obj, f"get_{field.name}_display")())
    if isinstance(field, models.ForeignKey):
        return str(getattr(obj, field.name) or "–")
    value = field.value_from_object(obj)
    return "–" if value in (None, "") else str(value)


class StaleEdit(Exception):
    def __init__(self, changed):
        super().__init__(", ".join(changed))
        self.changed = changed


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _submitted(form, current, names) -> dict[str, str]:
    """The fingerprint of what the form would save, per field."""
    probe = copy.copy(current)
    construct_instance(form, probe, fields=[n for n, f in names.items() if not f.many_to_many])
    result = {}
    for name, field in names.items():
        if field.many_to_many:
            chosen = form.cleaned_data.get(name) or []
            result[name] = _digest(",".join(str(pk) for pk in sorted(o.pk for o in chosen)))
        else:
            result[name] = _digest(_comparable(probe, field))
    return result


def guard_form_class(form_class, model):
    """A subclass of `form_class` carrying the fingerprint and checking it under a row lock.

    The hidden field holds {"loaded": hashes when the page was first opened, "seen": hashes the
    person has been shown since}. A save is refused when the row changed after "seen"; a save
    after that refusal applies only the fields the person changed since "loaded", the others
    keep the values someone else saved meanwhile: nothing is put back.
    """

    class GuardedForm(form_class):
        # Declared, so that an inline's fieldsets can name it (its row then renders it, hidden).
        concurrency_fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if self.instance.pk is not None and not self.is_bound:
                loaded = fingerprint(self.instance, self._guarded_names())
                self.initial[FIELD_NAME] = signing.dumps({"loaded": loaded, "seen": loaded}, salt=SALT)

        def _guarded_names(self):
            # Not the fingerprint itself, nor what an inline formset adds to each row after the
            # form is made (the row's id, the link to the parent): they identify the row.
            return [
                name
                for name, field in self.fields.items()
                if name not in (FIELD_NAME, model._meta.pk.name) and not isinstance(field, InlineForeignKeyField)
            ]

        def clean(self):
            data = super().clean()
            if self.instance.pk is None or self.errors:
                return data
            token = self.data.get(self.add_prefix(FIELD_NAME))
            if not token:
                # Not from a page this portal rendered (a script, a test posting bare data): the
                # guard protects people editing in the browser, whose page always carries it.
                return data
            try:
                state = signing.loads(token, salt=SALT)
                loaded, seen = state["loaded"], state["seen"]
            except (signing.BadSignature, KeyError, TypeError):
                loaded = seen = {}
            # The lock is held until the admin's transaction (which saves) ends: two saves of the
            # same row are serialised, and the second sees the first's values.
            current = model._base_manager.select_for_update().get(pk=self.instance.pk)
            names = _model_fields(model, self._guarded_names())
            now = fingerprint(current, list(names))
            changed = [name for name, digest in now.items() if seen.get(name) != digest]
            if changed:
                lines = [
                    _("%(field)s is now “%(value)s”")
                    % {"field": self.fields[n].label or n, "value": _display(current, f)}
                    for n, f in _model_fields(model, changed).items()
                ]
                self.data = self.data.copy()
                self.data[self.add_prefix(FIELD_NAME)] = signing.dumps({"loaded": loaded, "seen": now}, salt=SALT)
                raise forms.ValidationError(
                    _(
                        "Someone else saved this record after you opened it; nothing was saved. "
                        "What changed: %(changes)s. Check the form and save again: only the fields "
                        "you changed are applied, the rest keeps the new values."
                    )
                    % {"changes": "; ".join(lines)},
                    code="stale",
                )
            mine = _submitted(self, current, names)
            for name, field in names.items():
                if mine[name] == loaded.get(name) and now[name] != loaded.get(name):
                    # Not touched by this person, changed by someone else meanwhile: keep theirs.
                    data[name] = list(getattr(current, name).all()) if field.many_to_many else getattr(current, name)
            return data

    GuardedForm.__name__ = form_class.__name__
    return GuardedForm


class InlineGuardMixin:
    """Mixed into every inline of a guarded ModelAdmin: the guarded form, and the fingerprint named
    in the first fieldset so that each row renders it (a hidden input in the row's first cell)."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = [(name, dict(options)) for name, options in super().get_fieldsets(request, obj)]
        if fieldsets and FIELD_NAME not in fieldsets[0][1].get("fields", ()):
            fieldsets[0][1]["fields"] = [*fieldsets[0][1]["fields"], FIELD_NAME]
        return fieldsets

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = guard_form_class(kwargs.get("form", self.form), self.model)
        return super().get_formset(request, obj, **kwargs)


class ConcurrencyGuardMixin:
    """Mixed into every registered ModelAdmin (see guard_admin_site)."""

    concurrency_guarded = True

    def get_form(self, request, obj=None, change=False, **kwargs):
        return guard_form_class(super().get_form(request, obj, change=change, **kwargs), self.model)

    def get_fields(self, request, obj=None):
        # The fingerprint is the guarded form's own field: not a field of the admin's fieldsets
        # (templates/admin/change_form.html renders it once, at the top of the form).
        return [name for name in super().get_fields(request, obj) if name != FIELD_NAME]

    def get_inline_instances(self, request, obj=None):
        """Inline rows get the same guard, each row its own fingerprint (a new row has none)."""
        instances = super().get_inline_instances(request, obj)
        for inline in instances:
            if not isinstance(inline, InlineGuardMixin):
                inline.__class__ = type(type(inline).__name__, (InlineGuardMixin, type(inline)), {})
        return instances

    def _portal_audit(self, request, obj, action, message=""):
        from core.services import audit

        if isinstance(message, list):
            changed = sorted({f for entry in message for f in entry.get("changed", {}).get("fields", [])})
            message = ", ".join(changed)
        audit(actor=request.user, obj=obj, action=action, reason=str(message)[:1000])

    def log_addition(self, request, obj, message):
        self._portal_audit(request, obj, "admin_added", message)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        self._portal_audit(request, obj, "admin_changed", message)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            self._portal_audit(request, obj, "admin_deleted")
        return super().log_deletions(request, queryset)


def guard_admin_site(site=None):
    """Give every ModelAdmin registered on `site` the concurrency guard and the audit rows."""
    site = site or admin.site
    for model, model_admin in list(site._registry.items()):
        cls = type(model_admin)
        if getattr(cls, "concurrency_guarded", False):
            continue
        guarded = type(cls.__name__, (ConcurrencyGuardMixin, cls), {"__module__": cls.__module__})
        site._registry[model] = guarded(model, site)


# --- Decisions made on a stale page -----------------------------------------------------------
# A staff page that offers a decision (accept, reject, ...) renders, beside each object, the status
# it showed: `<input type="hidden" name="seen_<pk>" value="<status>">`. When the decision arrives
# and the status is no longer the one shown (someone else accepted meanwhile), the move may still
# be allowed by the workflow, but it is not what the person saw: the view asks for confirmation.
SEEN_PREFIX = "seen_"
CONFIRM_FIELD = "confirm_stale"


def stale_decisions(request, objects, *, attr="status"):
    """[(object, status shown, status now)] for the objects whose status changed since the page
    was shown; [] when the person has already confirmed, or nothing changed."""
    if request.POST.get(CONFIRM_FIELD):
        return []
    stale = []
    for obj in objects:
        seen = request.POST.get(f"{SEEN_PREFIX}{obj.pk}")
        if seen is not None and seen != getattr(obj, attr):
            stale.append((obj, seen, getattr(obj, attr)))
    return stale


def confirmation_fields(request, stale, *, attr="status"):
    """The POST data to send again on confirmation, with the statuses now shown."""
    now = {f"{SEEN_PREFIX}{obj.pk}": current for obj, _seen, current in stale}
    fields = []
    for name, values in request.POST.lists():
        if name in ("csrfmiddlewaretoken", CONFIRM_FIELD) or name in now:
            continue
        fields += [(name, value) for value in values]
    return fields + list(now.items()) + [(CONFIRM_FIELD, "1")]
