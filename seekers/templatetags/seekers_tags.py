from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

STEPS = [
    ("personal", _("Personal data")),
    ("education", _("Education")),
    ("experience", _("Experience")),
    ("skills", _("Skills & languages")),
    ("preferences", _("Job preferences")),
    ("documents", _("Documents")),
]


@register.inclusion_tag("seekers/_steps.html")
def profile_steps(step):
    names = [name for name, _label in STEPS]
    number = names.index(step) + 1 if step in names else 0
    return {
        "steps": STEPS,
        "step": step,
        "number": number,
        "total": len(STEPS),
        "label": dict(STEPS).get(step, ""),
        "percent": round(100 * number / len(STEPS)),
    }


@register.simple_tag
def step_label(step):
    return dict(STEPS).get(step, "")
