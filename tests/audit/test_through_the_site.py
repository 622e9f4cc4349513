"""Changes made through the site are recorded as the signed-in user's."""

from __future__ import annotations

import pytest
from django.urls import reverse

from indicators.models import Direction, Indicator, Target
from tests.factories import IndicatorFactory, TargetFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(client):
    user = UserFactory(
        username="quantri", first_name="Quản", last_name="Trị", is_staff=True, is_superuser=True
    )
    client.force_login(user)
    return user


def test_an_administrators_delete_in_the_admin_is_recorded_with_their_name(client, administrator):
    target = TargetFactory()
    url = reverse("admin:indicators_target_delete", args=[target.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    deleted = Target.history.get(id=target.pk, history_type="-")
    assert (deleted.history_user_id, deleted.history_username, deleted.history_who) == (
        administrator.pk,
        "quantri",
        "Quản Trị",
    )


def test_the_admin_shows_an_indicators_history_with_who_changed_it(
    client, administrator, django_assert_max_num_queries
):
    indicator = IndicatorFactory(direction=Direction.HIGHER)
    for direction in (Direction.LOWER, Direction.HIGHER, Direction.LOWER):
        Indicator.objects.filter(pk=indicator.pk).update(direction=direction)
    url = reverse("admin:indicators_indicator_history", args=[indicator.pk])
    # The same few queries however many changes (no user looked up per row).
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    records = Indicator.history.filter(id=indicator.pk)
    assert records.count() == 4
    for record in records:
        url = reverse("admin:indicators_indicator_simple_history", args=[indicator.pk, record.pk])
        assert url in page
