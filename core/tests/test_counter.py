import threading

import pytest
from django.db import connection, transaction

from core.services import next_serial


def test_serials_count_up_per_name_and_year(db):
    assert [next_serial(name="ak1", year=2026) for _ in range(3)] == [1, 2, 3]
    assert next_serial(name="ak1", year=2027) == 1
    assert next_serial(name="certificate", year=2026) == 1


def test_a_rolled_back_number_is_given_out_again(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        assert next_serial(name="ak1", year=2026) == 1
        raise RuntimeError
    assert next_serial(name="ak1", year=2026) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_callers_get_distinct_gap_free_numbers():
    got, barrier = [], threading.Barrier(12)

    def take():
        try:
            barrier.wait()
            with transaction.atomic():
                got.append(next_serial(name="ak1", year=2026))
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(got) == list(range(1, 13))
