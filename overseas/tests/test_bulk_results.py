import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from overseas import services
from overseas.models import Candidacy, StageResult
from overseas.services import BulkResultError, ResultLine

from .conftest import TODAY

DAY = TODAY.date()


@pytest.fixture
def three(intake, apply):
    return [apply(intake) for _ in range(3)]


def _stage_url(intake, position=1):
    return reverse("overseas:staff_stage", args=[intake.pk, intake.stages.get(position=position).pk])


def _xlsx(rows, header=("No. kandidat", "Nama", "NIK", "Hasil", "Nilai", "Catatan")):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        "hasil.xlsx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def test_a_test_days_results_are_recorded_together(intake, three, disnaker_staff):
    stage = intake.stages.get(position=1)
    lines = [
        ResultLine(candidacy_id=three[0].pk, result="passed", score=80),
        ResultLine(candidacy_id=three[1].pk, result="failed", score=20, note="Berkas tidak lengkap"),
    ]

    services.stage_record_bulk(stage=stage, held_on=DAY, lines=lines, actor=disnaker_staff)

    assert dict(StageResult.objects.values_list("candidacy", "result")) == {
        three[0].pk: "passed",
        three[1].pk: "failed",
    }
    three[2].refresh_from_db()
    assert three[2].next_stage == stage  # not in the list: still waiting


def test_one_bad_line_changes_nothing_and_every_bad_line_is_named(intake, three, disnaker_staff):
    stage = intake.stages.get(position=1)
    lines = [
        ResultLine(candidacy_id=three[0].pk, result="passed"),
        ResultLine(candidacy_id=three[1].pk, result="failed"),  # no reason
        ResultLine(candidacy_id=999999, result="passed"),  # not in this intake
        ResultLine(candidacy_id=three[0].pk, result="passed"),  # twice
    ]

    with pytest.raises(BulkResultError) as exc:
        services.stage_record_bulk(stage=stage, held_on=DAY, lines=lines, actor=disnaker_staff)

    assert sorted(exc.value.lines) == [2, 3, 4]
    assert not StageResult.objects.exists()
    assert set(Candidacy.objects.values_list("status", flat=True)) == {"applied"}


def test_the_list_form_records_filled_lines_and_leaves_empty_ones(client, disnaker_staff, intake, three):
    client.force_login(disnaker_staff)
    url = _stage_url(intake)
    page = client.get(url)
    ids = [form.initial["candidacy"] for form, _c in page.context["rows"]]
    data = {"action": "bulk", "held_on": DAY.isoformat(), "rows-TOTAL_FORMS": 3, "rows-INITIAL_FORMS": 3}
    for i, pk in enumerate(ids):
        data[f"rows-{i}-candidacy"] = pk
    data["rows-0-result"], data["rows-0-score"] = "passed", "88"
    data["rows-1-result"], data["rows-1-note"] = "failed", "Tidak hadir"

    response = client.post(url, data)

    assert response.status_code == 302
    assert StageResult.objects.count() == 2


def test_the_list_form_with_a_bad_line_says_which_and_records_nothing(client, disnaker_staff, intake, three):
    client.force_login(disnaker_staff)
    url = _stage_url(intake)
    data = {"action": "bulk", "held_on": DAY.isoformat(), "rows-TOTAL_FORMS": 2, "rows-INITIAL_FORMS": 2}
    data.update({"rows-0-candidacy": three[0].pk, "rows-0-result": "passed"})
    data.update({"rows-1-candidacy": three[1].pk, "rows-1-result": "failed"})  # no reason

    response = client.post(url, data)

    assert response.status_code == 200
    texts = [str(m) for m in response.context["messages"]]
    assert any(t.startswith(("Line 2:", "Baris 2:")) for t in texts)
    assert not StageResult.objects.exists()


def test_the_excel_sheet_downloads_the_waiting_candidates_and_uploads_back(client, disnaker_staff, intake, three):
    client.force_login(disnaker_staff)
    url = _stage_url(intake)
    sheet = client.get(reverse("overseas:staff_stage_sheet", args=[intake.pk, intake.stages.get(position=1).pk]))
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(min_row=2, values_only=True))
    assert sorted(r[0] for r in rows) == sorted(c.pk for c in three)
    assert all("*" in r[2] for r in rows)  # masked NIKs
    filled = [(rows[0][0], "", "", "lulus", "75,5", ""), (rows[1][0], "", "", "Tidak Lulus", 10, "Buta warna")]

    response = client.post(url, {"action": "upload", "held_on": DAY.isoformat(), "file": _xlsx(filled)})

    assert response.status_code == 302
    assert StageResult.objects.get(candidacy_id=rows[0][0]).score == 75.5
    assert StageResult.objects.get(candidacy_id=rows[1][0]).result == "failed"


@pytest.mark.parametrize(
    ("rows", "line"),
    [
        ([("{0}", "", "", "lulus", "", ""), ("{1}", "", "", "mungkin", "", "")], "4"),
        ([("{0}", "", "", "lulus", "", ""), ("abc", "", "", "lulus", "", "")], "4"),
        ([("{0}", "", "", "lulus", "", ""), ("{1}", "", "", "lulus", "101", "")], "4"),
        ([("{0}", "", "", "lulus", "", ""), ("{1}", "", "", "tidak lulus", "", "")], "4"),  # no reason
    ],
)
def test_an_upload_with_one_bad_line_changes_nothing_and_names_the_row(
    client, disnaker_staff, intake, three, rows, line
):
    client.force_login(disnaker_staff)
    rows = [("", "", "", "", "", "")] + [
        tuple(str(v).format(three[0].pk, three[1].pk) for v in row) for row in rows
    ]  # row 2 empty, then rows 3 and 4

    response = client.post(_stage_url(intake), {"action": "upload", "held_on": DAY.isoformat(), "file": _xlsx(rows)})

    assert response.status_code == 200
    texts = " ".join(str(m) for m in response.context["messages"])
    assert f" {line}:" in texts
    assert not StageResult.objects.exists()


def test_a_file_that_is_not_a_workbook_is_refused_with_a_message(client, disnaker_staff, intake, three):
    client.force_login(disnaker_staff)
    fake = SimpleUploadedFile("hasil.xlsx", b"PK\x03\x04 not really a zip", content_type="application/octet-stream")
    csv = SimpleUploadedFile("hasil.xlsx", b"1;lulus\n", content_type="text/csv")

    for upload in (fake, csv):
        response = client.post(_stage_url(intake), {"action": "upload", "held_on": DAY.isoformat(), "file": upload})
        assert response.status_code == 200
        assert list(response.context["messages"])
    assert not StageResult.objects.exists()
