"""Event templates: what each notification says, in each language.

An event is a dotted name, "<app>.<what>" ("trainings.enrolment_accepted"), with its templates in
`templates/notifications/events/<event>/`:

- `subject.txt` (required): one line; the email subject and the inbox title;
- `body.txt` (required): the text of the inbox entry and of the email;
- `body.html` (optional): the email's HTML part; without it, the text with line breaks;
- `sms.txt` (optional): a short text for SMS and WhatsApp; without it, `body.txt`.

Strings in them go through `{% translate %}`/`{% blocktranslate %}`; they are rendered inside
`translation.override(<recipient's language>)`. The text templates are rendered without HTML
escaping (they are not HTML); the HTML one with it.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template, select_template
from django.template.utils import get_app_template_dirs
from django.utils import translation

EVENT_NAME = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
TEMPLATE_DIR = "notifications/events"
SUBJECT_MAX_LENGTH = 200


class UnknownEvent(ImproperlyConfigured):
    """An event name without templates: a programming error, caught by the tests."""


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str
    short: str


def _text(template_name, context) -> str:
    # Plain text: "&" must stay "&", so render without the HTML autoescaping.
    return get_template(template_name).template.render(Context(context, autoescape=False)).strip()


def render(event: str, context: dict, *, language: str, html: bool = True, short: bool = True) -> Rendered:
    """Subject and texts of `event` in `language`. `html` and `short` ask for the email's HTML
    part and the SMS text; rows that will not use them skip rendering them."""
    if not EVENT_NAME.match(event or ""):
        raise UnknownEvent(f"Notification event names look like '<app>.<what>', not {event!r}.")
    base = f"{TEMPLATE_DIR}/{event}"
    with translation.override(language):
        try:
            subject = _text(f"{base}/subject.txt", context)
            text = _text(f"{base}/body.txt", context)
        except TemplateDoesNotExist as exc:
            raise UnknownEvent(
                f"Notification event {event!r} has no templates: add {base}/subject.txt and "
                f"{base}/body.txt (and optionally body.html and sms.txt) under templates/."
            ) from exc
        short_text = ""
        if short:
            try:
                short_text = _text(f"{base}/sms.txt", context)
            except TemplateDoesNotExist:
                short_text = text
        html_text = ""
        if html:
            html_text = select_template([f"{base}/body.html", "notifications/email/fallback.html"]).render(
                {**context, "text": text, "subject": subject}
            )
    # Email headers are one line; the model's column is bounded.
    subject = " ".join(subject.split())
    if len(subject) > SUBJECT_MAX_LENGTH:
        subject = subject[: SUBJECT_MAX_LENGTH - 1] + "…"
    return Rendered(subject=subject, text=text, html=html_text.strip(), short=short_text)


def known_events() -> list[str]:
    """Every event that has templates, for the admin's filter and the tests (no database query)."""
    dirs = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    dirs += [Path(d) for d in get_app_template_dirs("templates")]
    found = set()
    for directory in dirs:
        events_dir = directory / TEMPLATE_DIR
        if events_dir.is_dir():
            found.update(p.name for p in events_dir.iterdir() if (p / "subject.txt").is_file())
    return sorted(found)
