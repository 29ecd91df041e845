"""Exact query counts of the public pages `make bench` drives that belong to core."""

from django.urls import reverse


def test_the_home_page_runs_no_query_for_a_visitor(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get(reverse("core:home")).status_code == 200


def test_the_login_page_runs_no_query(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get(reverse("accounts:login")).status_code == 200
