"""A platform's error, with the platform's own code and message.

`TransientError`: the platform or the way to it failed (TOP ``isp.*``, service unavailable,
a timeout, a refused connection): the same request may be sent again, with the same
``object_id``, so that a lost answer never gives one parcel two numbers. `BusinessError`: the
platform refused this request (TOP ``isv.*``: no balance, area not served, bad address): it is
not sent again; the order waits with the reason.
"""

from __future__ import annotations


class PlatformError(Exception):
    """``platform`` (cainiao / pdd / douyin / jd), the platform's ``code`` and ``message``,
    and its finer ``sub_code`` / ``sub_message`` where it gives them."""

    transient = False

    def __init__(
        self,
        platform: str,
        code: str,
        message: str = "",
        *,
        sub_code: str = "",
        sub_message: str = "",
    ) -> None:
        self.platform = platform
        self.code = str(code)
        self.message = message
        self.sub_code = str(sub_code or "")
        self.sub_message = sub_message or ""
        shown = " / ".join(
            x for x in (self.sub_code or self.code, self.sub_message or message) if x
        )
        super().__init__(f"{platform}: {shown}")


class TransientError(PlatformError):
    """Worth sending again (with backoff, and the same object ids)."""

    transient = True


class BusinessError(PlatformError):
    """The platform's answer about this request: sending it again gives the same answer."""


class PartlyRefused(BusinessError):
    """A request of several parcels that the platform answered per parcel, numbering some and
    refusing others (Douyin's ``err_infos`` in a successful answer; JD, asked one parcel a
    request, refusing some of a batch). ``issued``: the numbers given (`platforms.waybill.Issued`,
    kept: they are the platform's and must be recorded); ``refused``: object id → the
    platform's error for that parcel (its own code and message; a `TransientError` where the
    parcel's own request kept failing after the retries). The exception's own code and message
    are the first refusal's."""

    def __init__(self, platform: str, issued: list, refused: dict[str, PlatformError]) -> None:
        first = next(iter(refused.values()), None)
        super().__init__(
            platform,
            first.code if first else "partly_refused",
            first.message if first else "",
            sub_code=first.sub_code if first else "",
            sub_message=first.sub_message if first else "",
        )
        self.issued = list(issued)
        self.refused = dict(refused)


def top_error(response: dict) -> PlatformError:
    """The error of a TOP gateway answer (``error_response``: ``code``, ``msg``,
    ``sub_code``, ``sub_msg``). ``isp.*`` sub-codes (the platform's side) and the gateway's
    own service errors are transient; everything else is the caller's business."""
    err = response.get("error_response", response)
    code = str(err.get("code", ""))
    sub = str(err.get("sub_code", "") or "")
    # the sub-code says whose side failed: isp.* the platform's (try again later), isv.*
    # the caller's; without one, gateway codes 7 (call limit), 15 (remote service error) and
    # 520 (service unavailable) are the platform's side
    cls: type[PlatformError] = BusinessError
    if sub.startswith("isp.") or (not sub.startswith("isv.") and code in {"7", "15", "520"}):
        cls = TransientError
    return cls(
        "cainiao",
        code,
        str(err.get("msg", "")),
        sub_code=sub,
        sub_message=str(err.get("sub_msg", "") or ""),
    )
