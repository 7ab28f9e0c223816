"""One list of stations: the command line's ``--station``, the chooser, the stations' own
roles and the services' role checks all read `app.domain.stations`."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from app.domain.stations import STATION_NAMES, STATIONS, station_roles


@pytest.mark.parametrize("name", STATION_NAMES)
def test_every_station_of_the_chooser_opens_from_the_command_line(name, demo_db, qtbot):
    """`parcelproof --station NAME` is accepted for every station the chooser has (``weights``
    was refused as "invalid choice"), and the window opens that station."""
    from app.__main__ import build_parser
    from app.services.operators import find_operator
    from app.ui.kit.context import StationContext
    from app.ui.shell.main_window import MainWindow

    args = build_parser().parse_args(["--operator", "1008", "--station", name])
    w = MainWindow(StationContext(db=demo_db, operator=find_operator(demo_db, args.operator)))
    qtbot.addWidget(w)
    assert w.open_station(args.station) and w.station_name == name
    assert name == type(w.station).STATION
    w.open_station("orders")  # closes it (device threads, claims)


def test_parcelproof_station_weights_starts_the_program(tmp_path):
    """The real program, in its own process, as the README says: the learned weights."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PARCELPROOF_EXIT_AFTER_START="1",
        PARCELPROOF_CONFIG=str(tmp_path / "s.json"),
        PARCELPROOF_PIN="0000",  # the supervisor's own PIN, as a scripted start gives it
    )
    argv = ["--demo", "--operator", "1001", "--station", "weights", "--lang", "en"]
    run = subprocess.run(
        [sys.executable, "-m", "app", *argv], env=env, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert "invalid choice" not in run.stderr


def test_an_unknown_station_is_still_refused(capsys):
    from app.__main__ import main

    assert main(["--station", "no-such-station"]) == 2
    assert "no-such-station" in capsys.readouterr().err


def test_chooser_stations_and_their_classes_take_their_roles_from_the_one_list():
    from app.db.models import Role
    from app.ui.shell.stations import SPECS

    assert [(s.STATION, s.ROLES) for s in SPECS] == [(s.name, s.roles) for s in STATIONS]
    assert {r for s in STATIONS for r in s.roles} <= {r.value for r in Role}
    for spec in SPECS:  # the class says the same (without importing Qt charts for nothing)
        assert station_roles(spec.STATION) == spec.load().ROLES, spec.module


def test_the_services_check_the_roles_of_the_station_doing_the_work():
    from app.services import accounts, admin, dispute, handover, waybills

    assert station_roles("handover") == handover.HANDOVER_ROLES
    assert station_roles("dispute") == dispute.DESK_ROLES
    assert station_roles("print") == waybills.CARRIER_ROLES
    assert admin.ADMIN_ROLES == accounts.ADMIN_ROLES == station_roles("admin")


def test_a_packer_is_refused_the_handover_by_the_service_as_by_the_chooser(demo_db):
    from app.services.errors import ServiceError
    from app.services.operators import find_operator, require_role
    from app.ui.shell.stations import allowed, station_class

    packer, weigher = find_operator(demo_db, "1005"), find_operator(demo_db, "1006")
    spec = station_class("handover")
    assert not allowed(spec, packer) and allowed(spec, weigher)
    with pytest.raises(ServiceError):
        require_role(demo_db, packer.code, station_roles("handover"))
    require_role(demo_db, weigher.code, station_roles("handover"))
