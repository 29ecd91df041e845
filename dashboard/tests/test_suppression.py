"""Small-cell suppression, in the rule itself and everywhere figures leave the portal."""

import csv
import io
import itertools
import json
import random

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from core.models import Kecamatan
from dashboard.summaries import refresh
from dashboard.suppression import COMPLEMENT, PRIMARY, protect

from .factories import YEAR, seeker

CIKARANG_UTARA, TAMBUN_SELATAN, CIKARANG_TIMUR = "32.16.09", "32.16.06", "32.16.11"


def _line(values):
    cells = dict(enumerate(values))
    cells["total"] = sum(values)
    return cells, [(list(range(len(values))), "total")]


def test_one_small_cell_takes_the_smallest_other_cell_with_it():
    cells, lines = _line([3, 40, 10, 0])
    assert protect(cells, lines) == {0: PRIMARY, 2: COMPLEMENT}


def test_zero_is_shown_and_never_chosen_as_a_complement():
    cells, lines = _line([0, 2, 0, 9, 30])
    hidden = protect(cells, lines)
    assert 0 not in hidden and 2 not in hidden
    assert hidden[1] == PRIMARY and hidden[3] == COMPLEMENT


def test_when_no_other_cell_can_protect_a_small_one_the_total_is_hidden():
    cells, lines = _line([2, 5])
    assert protect(cells, lines) == {0: PRIMARY, 1: COMPLEMENT, "total": COMPLEMENT}


def test_two_small_cells_that_could_each_be_anything_from_1_to_4_protect_each_other():
    cells, lines = _line([2, 3, 0])
    assert protect(cells, lines) == {0: PRIMARY, 1: PRIMARY}


def test_two_ones_do_not_protect_each_other():
    cells, lines = _line([1, 1, 30, 50])
    assert protect(cells, lines) == {0: PRIMARY, 1: PRIMARY, 2: COMPLEMENT}


def test_a_total_hidden_for_one_breakdown_is_hidden_in_every_breakdown_that_shares_it():
    cells = {"k1": 2, "k2": 5, "g1": 4, "g2": 3, "total": 7}
    hidden = protect(cells, [(["k1", "k2"], "total"), (["g1", "g2"], "total")])
    assert hidden["total"] == COMPLEMENT
    assert {"g1", "g2"} <= set(hidden)


def _recoverable(values, hidden) -> bool:
    """Can a reader pin any "<5" cell of this line down to fewer than its four possible values?
    Brute force over what a reader knows: "<5" is 1-4, "×" is 5 or more, the total is shown."""
    total = sum(values)
    shown = sum(v for i, v in enumerate(values) if i not in hidden)
    secret = total - shown
    cells = sorted(hidden)
    ranges = [range(1, 5) if hidden[i] == PRIMARY else range(5, secret + 1) for i in cells]
    possible = {i: set() for i in cells}
    for guess in itertools.product(*ranges):
        if sum(guess) == secret:
            for i, v in zip(cells, guess, strict=True):
                possible[i].add(v)
    return any(hidden[i] == PRIMARY and len(possible[i]) < 4 for i in cells)


def test_no_suppressed_value_can_be_recovered_from_a_shown_total_in_any_random_line():
    rng = random.Random(3216)
    for _ in range(400):
        values = [rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 7, 9, 12, 30]) for _ in range(rng.randint(2, 6))]
        cells, lines = _line(values)
        hidden = protect(cells, lines)
        if "total" in hidden:
            continue  # nothing to subtract from
        line_hidden = {i: mark for i, mark in hidden.items() if i != "total"}
        assert not _recoverable(values, line_hidden), values


# --- Everywhere the figures go -------------------------------------------------------------------


@pytest.fixture
def small_kecamatan(db):
    """3 seekers in Tambun Selatan (to suppress), 9 in Cikarang Timur and 20 in Cikarang Utara, this year."""
    cache.clear()
    for code, count in ((TAMBUN_SELATAN, 3), (CIKARANG_TIMUR, 9), (CIKARANG_UTARA, 20)):
        for _ in range(count):
            seeker(3, domicile_kecamatan=Kecamatan.objects.get(code=code), domicile_desa=None)
    refresh()
    return {TAMBUN_SELATAN: 3, CIKARANG_TIMUR: 9, CIKARANG_UTARA: 20}


def test_the_dashboard_hides_the_small_kecamatan_and_its_complement(client, tkp3d_member, small_kecamatan):
    client.force_login(tkp3d_member)
    response = client.get(reverse("dashboard:index"), {"year": YEAR})
    table = next(t for t in response.context["tables"] if t["dimension"] == "kecamatan")
    column = [key for key, _label in table["columns"]].index("seekers_registered")
    cells = {code: row[column] for _label, code, row in table["rows"]}
    assert cells[TAMBUN_SELATAN] == PRIMARY
    assert cells[CIKARANG_TIMUR] == COMPLEMENT
    assert cells[CIKARANG_UTARA] == "20"
    assert table["total"][column] == "32"
    map_cells = {code: display for _name, code, display in response.context["map_rows"]}
    assert map_cells[TAMBUN_SELATAN] == PRIMARY and map_cells[CIKARANG_TIMUR] == COMPLEMENT


def test_the_excel_export_hides_the_same_cells(client, tkp3d_member, small_kecamatan):
    client.force_login(tkp3d_member)
    response = client.get(reverse("dashboard:export_xlsx"), {"year": YEAR})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames[:2] == ["Filter", "Indikator"]
    rows = {row[0]: row[1] for row in book["Kecamatan"].iter_rows(min_row=2, values_only=True)}
    assert rows["Tambun Selatan"] == PRIMARY and rows["Cikarang Timur"] == COMPLEMENT
    assert rows["Cikarang Utara"] == 20 and rows["Total"] == 32
    filters = {row[0]: row[-1] for row in book["Filter"].iter_rows(values_only=True)}
    assert filters["Periode"] == f"Sepanjang tahun {YEAR}"


def test_the_public_json_and_csv_hide_the_same_cells(client, small_kecamatan):
    data = json.loads(client.get(reverse("statistics:json"), {"tahun": YEAR}).content)
    by_code = {row["kode_wilayah"]: row["seekers_registered"] for row in data["by_kecamatan"]}
    assert (
        by_code[TAMBUN_SELATAN] == PRIMARY and by_code[CIKARANG_TIMUR] == COMPLEMENT and by_code[CIKARANG_UTARA] == 20
    )
    assert data["total"]["seekers_registered"] == 32
    assert {entry["field"] for entry in data["dictionary"]} >= {"tahun", "kode_wilayah", "nilai", "seekers_registered"}
    assert data["metadata"]["licence"] == "CC BY 4.0" and data["metadata"]["last_updated"]

    response = client.get(reverse("statistics:csv"), {"tahun": YEAR})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    values = {(r["kode_wilayah"], r["indikator"]): r["nilai"] for r in rows if r["tahun"] == str(YEAR)}
    assert values[(TAMBUN_SELATAN, "seekers_registered")] == PRIMARY
    assert values[(CIKARANG_TIMUR, "seekers_registered")] == COMPLEMENT
    assert values[("32.16", "seekers_registered")] == "32"


def test_the_public_page_shows_no_small_number_either(client, small_kecamatan):
    response = client.get(reverse("statistics:index"), {"tahun": YEAR})
    rows = response.context["data"]["by_kecamatan"]
    assert rows[TAMBUN_SELATAN]["values"]["seekers_registered"][1] == PRIMARY
    assert rows[CIKARANG_TIMUR]["values"]["seekers_registered"][1] == COMPLEMENT
