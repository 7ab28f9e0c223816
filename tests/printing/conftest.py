from __future__ import annotations

import pytest

from printing.documents import WaybillData
from tests.printing.support import make_waybill


@pytest.fixture
def waybill() -> WaybillData:
    return make_waybill()
