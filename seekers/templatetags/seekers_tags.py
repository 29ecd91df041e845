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
    return {"steps": STEPS, "step": step}


@register.simple_tag
def step_label(step):
    return dict(STEPS).get(step, "")
