"""One refusal type for every service, in its own module; the old import still works."""

from __future__ import annotations

import pytest


def test_service_error_is_one_class_importable_from_both_places():
    from app.services import errors, orders
    from app.services.operators import require_role  # noqa: F401 - raises it

    assert orders.ServiceError is errors.ServiceError
    with pytest.raises(orders.ServiceError) as exc:
        raise errors.ServiceError("not_allowed", operator="1005", roles="weigher")
    assert (exc.value.code, exc.value.params) == (
        "not_allowed",
        {"operator": "1005", "roles": "weigher"},
    )
