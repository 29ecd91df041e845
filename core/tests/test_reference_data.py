from core.models import Desa, EducationLevel, Kecamatan, Sector


def test_all_23_kecamatan_of_kabupaten_bekasi_are_loaded_with_official_codes(db):
    codes = list(Kecamatan.objects.order_by("code").values_list("code", flat=True))
    assert codes == [f"32.16.{n:02d}" for n in range(1, 24)]
    assert Kecamatan.objects.get(code="32.16.09").name == "Cikarang Utara"


def test_all_187_desa_and_kelurahan_belong_to_their_kecamatan(db):
    assert Desa.objects.count() == 187
    assert Desa.objects.filter(kind=Desa.Kind.KELURAHAN).count() == 8
    for desa in Desa.objects.select_related("kecamatan"):
        assert desa.code.startswith(desa.kecamatan.code + ".")


def test_education_levels_run_from_no_schooling_to_doctorate_in_order(db):
    codes = list(EducationLevel.objects.values_list("code", flat=True))
    assert codes[0] == "TS" and codes[-1] == "S3"
    assert EducationLevel.objects.get(code="SMK").rank > EducationLevel.objects.get(code="SMP").rank


def test_the_21_kbli_sections_are_loaded(db):
    assert Sector.objects.count() == 21
    assert Sector.objects.get(code="C").name == "Industri Pengolahan"
