"""What each training-application status means, for the one status glossary (core/glossary.py)."""

from django.utils.translation import gettext_lazy as _

from core.glossary import Group, Term

from .models import Enrolment

S = Enrolment.Status

MEANINGS = {
    S.APPLIED: _("Your application is recorded. It does not mean you are accepted yet: the provider still selects."),
    S.SHORTLISTED: _("You passed the first selection. The provider may invite you for a test or interview."),
    S.ACCEPTED: _("You have a seat in the batch. Come on the first day."),
    S.WAITLISTED: _("The batch is full for now. If a seat frees up, you move up and we tell you."),
    S.REJECTED: _("You were not chosen for this batch. You can apply for another one."),
    S.WITHDRAWN: _("You cancelled your application."),
    S.ATTENDING: _("The training has started and you take part."),
    S.COMPLETED: _("You finished the training; your certificate is on My trainings."),
    S.DROPPED: _("You stopped before the end of the training."),
}


def group() -> Group:
    return Group(
        key="training",
        title=_("Training applications"),
        terms=tuple(Term(value=s.value, label=s.label, meaning=MEANINGS[s]) for s in S),
        order=20,
    )
