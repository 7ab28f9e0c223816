"""The floor's stations: one list that the command line (``--station``), the chooser and every
role check read.

Each station has its ``--station`` name (docs/dev/contract.md), the roles that may open it (empty:
everybody; the admin may open every station) and where its widget lives (module and class
under ``app.ui``, imported only when the station is opened, so that the command line and the
chooser start without loading charts, PDF or the admin forms). The title is kept as its
translation context and English source: the UI translates it (`app.ui.shell.stations`).

The services take their role checks from here too (`station_roles`), so that who may open a
station and who may do its work cannot drift apart. Plain data: no Qt, no database.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Station:
    name: str  # the ``--station`` name
    module: str  # under ``app.ui``
    cls: str
    roles: tuple[str, ...]  # who may open it (empty: everybody); the admin always may
    title: tuple[str, str]  # (translation context, English source)


#: a supervisor's own act (release a hold, undo a scan, void a number, adopt a weight):
#: the supervisor signs it, with their PIN where the act asks for one; the admin always may
SUPERVISOR_ACT: tuple[str, ...] = ("supervisor",)

ADMIN = "admin"

_SUP = SUPERVISOR_ACT

#: every station, in chooser order
STATIONS: tuple[Station, ...] = (
    Station(
        "print",
        "desks.print.station",
        "PrintStation",
        ("print_operator", "supervisor"),
        ("Stations", "Print station"),
    ),
    Station("pick", "desks.pick", "PickStation", ("picker", "supervisor"), ("Stations", "Picking")),
    Station(
        "verify",
        "desks.verify",
        "VerifyStation",
        ("verifier", "packer", "supervisor"),
        ("Stations", "Verification"),
    ),
    Station("pack", "desks.pack", "PackStation", ("packer", "supervisor"), ("Stations", "Packing")),
    Station(
        "weigh",
        "desks.weigh.station",
        "WeighStation",
        ("weigher", "supervisor"),
        ("WeighStation", "Weighing and stubs"),
    ),
    Station(
        "handover",
        "desks.handover",
        "HandoverStation",
        ("weigher", "supervisor", "print_operator"),
        ("Stations", "Handover"),
    ),
    Station(
        "dispute",
        "desks.dispute.station",
        "DisputeStation",
        ("after_sales", "supervisor"),
        ("Stations", "Dispute desk"),
    ),
    Station("holds", "desks.supervisor", "SupervisorStation", _SUP, ("Stations", "Held orders")),
    Station("weights", "desks.weights", "WeightsStation", _SUP, ("Stations", "Learned weights")),
    Station(
        "dashboard", "desks.dashboard", "DashboardStation", _SUP, ("Stations", "Daily dashboard")
    ),
    Station(
        "admin", "desks.admin.station", "AdminStation", ("admin",), ("Stations", "Administration")
    ),
    Station(
        "devices",
        "desks.devices.panel",
        "DevicePanel",
        ("supervisor", "admin", "weigher"),
        ("Stations", "Devices"),
    ),
    Station("orders", "desks.orders", "OrderBrowser", (), ("Stations", "Order browser")),
)

#: the ``--station`` names, in chooser order
STATION_NAMES: tuple[str, ...] = tuple(s.name for s in STATIONS)

_BY_NAME = {s.name: s for s in STATIONS}


def station(name: str) -> Station | None:
    return _BY_NAME.get(name)


def station_roles(name: str) -> tuple[str, ...]:
    """The roles that may open station ``name`` and do its work (KeyError: no such station)."""
    return _BY_NAME[name].roles


def role_may(role: str | None, roles: tuple[str, ...] | frozenset[str]) -> bool:
    """Whether someone with ``role`` (None: nobody signed in) passes a check for ``roles``:
    one of them, or the admin, who always may. An empty ``roles`` lets everybody pass."""
    return not roles or (role is not None and (role in roles or role == ADMIN))
