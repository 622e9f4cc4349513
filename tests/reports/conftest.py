from __future__ import annotations

from decimal import Decimal as D

import pytest

from tests.factories import IndicatorFactory, TargetFactory, ValueFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Export files of a test go to its own folder, gone with it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def income(db):
    """A main indicator achieved at 100%: its 2024 value (62 against a plan of 62)."""
    indicator = IndicatorFactory(
        code="INCOME",
        name="Thu nhập bình quân đầu người",
        unit="triệu đồng/người/năm",
        is_main=True,
        council_group=1,
        decimals=0,
    )
    TargetFactory(indicator=indicator, value=D("62"))
    return ValueFactory(indicator=indicator, value=D("62"))
