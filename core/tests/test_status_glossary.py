"""One glossary of statuses (core/glossary.py): "diterima" means one thing everywhere."""

import pytest
from django.urls import reverse

from core import glossary

pytestmark = pytest.mark.django_db


def test_the_glossary_page_explains_that_applied_is_not_accepted(client):
    html = client.get(reverse("core:status_glossary"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert 'id="status-training-applied"' in html
    assert "belum berarti Anda diterima" in html


def test_every_registered_status_has_a_meaning():
    assert {g.key for g in glossary.groups()} >= {"card", "training"}
    for group in glossary.groups():
        for term in group.terms:
            assert str(term.meaning).strip(), (group.key, term.value)
