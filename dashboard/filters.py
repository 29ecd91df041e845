"""The dashboard's filters: year, period, kecamatan, category, and what the map and the trend show.

Every view is a GET URL (shareable); a bad value falls back to its default with a message, never
an error page. Periods are whole months in Asia/Jakarta, so the monthly trend adds up to them.
"""

import datetime
from dataclasses import asdict, dataclass, replace
from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from trainings.models import Program

from . import geo
from . import indicators as registry

FIRST_YEAR = 2020
PERIODS = [
    ("", _("Whole year")),
    ("q1", _("Quarter 1 (Jan-Mar)")),
    ("q2", _("Quarter 2 (Apr-Jun)")),
    ("q3", _("Quarter 3 (Jul-Sep)")),
    ("q4", _("Quarter 4 (Oct-Dec)")),
    ("01", pgettext_lazy("month", "January")),
    ("02", pgettext_lazy("month", "February")),
    ("03", pgettext_lazy("month", "March")),
    ("04", pgettext_lazy("month", "April")),
    ("05", pgettext_lazy("month", "May")),
    ("06", pgettext_lazy("month", "June")),
    ("07", pgettext_lazy("month", "July")),
    ("08", pgettext_lazy("month", "August")),
    ("09", pgettext_lazy("month", "September")),
    ("10", pgettext_lazy("month", "October")),
    ("11", pgettext_lazy("month", "November")),
    ("12", pgettext_lazy("month", "December")),
]
PER = [("", _("Number")), ("1000", _("Per 1,000 registered job seekers"))]
DEFAULT_INDICATOR = "seekers_registered"


def years() -> list[int]:
    return list(range(timezone.localdate().year + 1, FIRST_YEAR - 1, -1))


@dataclass(frozen=True)
class Filters:
    year: int
    period: str = ""
    kecamatan: str = ""  # a Kemendagri code, "32.16.09"
    category: str = ""  # a programme category
    map: str = DEFAULT_INDICATOR
    per: str = ""
    trend: str = DEFAULT_INDICATOR

    @classmethod
    def default(cls) -> "Filters":
        return cls(year=timezone.localdate().year)

    @property
    def months(self) -> tuple[int, int]:
        """First and last month of the period (1-12)."""
        if not self.period:
            return 1, 12
        if self.period.startswith("q"):
            quarter = int(self.period[1])
            return 3 * quarter - 2, 3 * quarter
        return int(self.period), int(self.period)

    @property
    def dates(self) -> tuple[datetime.date, datetime.date]:
        """[first day, day after the last) of the period."""
        first, last = self.months
        start = datetime.date(self.year, first, 1)
        end = datetime.date(self.year + 1, 1, 1) if last == 12 else datetime.date(self.year, last + 1, 1)
        return start, end

    @property
    def days(self) -> int:
        start, end = self.dates
        return (end - start).days

    def bounds(self, *, datetimes: bool):
        start, end = self.dates
        if not datetimes:
            return start, end
        return _aware(start), _aware(end)

    @property
    def period_label(self) -> str:
        return f"{dict(PERIODS)[self.period]} {self.year}"

    @property
    def kecamatan_name(self) -> str:
        return geo.names().get(self.kecamatan, "")

    @property
    def category_label(self) -> str:
        return dict(Program.Category.choices).get(self.category, "")

    def data_key(self) -> str:
        """What the figures depend on (not what the map or the trend chart show)."""
        return f"{self.year}:{self.period}:{self.kecamatan}:{self.category}"

    def querystring(self, **changes) -> str:
        values = {k: v for k, v in asdict(replace(self, **changes)).items() if v not in ("", None)}
        if values.get("map") == DEFAULT_INDICATOR:
            del values["map"]
        if values.get("trend") == DEFAULT_INDICATOR:
            del values["trend"]
        return urlencode(values)

    def described(self) -> list[tuple[str, str]]:
        """The filters in words, for the exports' cover."""
        return [
            (_("Period"), self.period_label),
            (_("Kecamatan"), self.kecamatan_name or _("All of Kabupaten Bekasi")),
            (_("Programme category"), self.category_label or _("All categories")),
        ]


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class FilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    period = forms.ChoiceField(label=_("Period"), choices=PERIODS, required=False)
    kecamatan = forms.ChoiceField(label=_("Kecamatan"), required=False)
    category = forms.ChoiceField(label=_("Programme category"), required=False)
    map = forms.ChoiceField(label=_("The map shows"), required=False)
    per = forms.ChoiceField(label=_("as"), choices=PER, required=False)
    trend = forms.ChoiceField(label=_("The trend shows"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years()]
        self.fields["kecamatan"].choices = [("", _("All of Kabupaten Bekasi")), *sorted(geo.names().items())]
        self.fields["category"].choices = [("", _("All categories")), *Program.Category.choices]
        counted = [(i.key, i.label) for i in registry.measured() if i.unit != registry.Unit.RUPIAH]
        self.fields["map"].choices = counted
        self.fields["trend"].choices = counted
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"

    def filters(self) -> tuple[Filters, list[str]]:
        """The valid filters, and a message per field that was not (it falls back to its default)."""
        default = Filters.default()
        if self.is_valid():
            data = self.cleaned_data
            return (
                Filters(
                    year=data["year"] or default.year,
                    period=data["period"],
                    kecamatan=data["kecamatan"],
                    category=data["category"],
                    map=data["map"] or DEFAULT_INDICATOR,
                    per=data["per"],
                    trend=data["trend"] or DEFAULT_INDICATOR,
                ),
                [],
            )
        values, problems = {}, []
        for name, field in self.fields.items():
            try:
                values[name] = field.clean(self.data.get(name, ""))
            except forms.ValidationError:
                problems.append(
                    _("“%(value)s” is not a valid %(field)s; showing the default.")
                    % {"value": str(self.data.get(name))[:40], "field": str(field.label).lower()}
                )
        filters = Filters(
            year=values.get("year") or default.year,
            period=values.get("period", ""),
            kecamatan=values.get("kecamatan", ""),
            category=values.get("category", ""),
            map=values.get("map") or DEFAULT_INDICATOR,
            per=values.get("per", ""),
            trend=values.get("trend") or DEFAULT_INDICATOR,
        )
        return filters, problems


def from_request(request) -> tuple[Filters, list[str]]:
    return FilterForm(request.GET).filters()
