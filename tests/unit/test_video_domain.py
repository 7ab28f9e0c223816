"""The clip rules: when a parcel's clip ends and how, what retention removes, upload limits."""

from __future__ import annotations

from app.domain.video import (
    FINISH_QUIET_S,
    FINISH_WAIT_LIMIT_S,
    ClipRecorder,
    ClipRules,
    KeptClip,
    clip_state,
    expired_clips,
    finish_at,
    upload_limit,
)

RULES = ClipRules(tail_s=3, limit_s=120)


def test_a_clip_runs_from_the_scan_to_complete_plus_the_tail() -> None:
    r = ClipRecorder(RULES)
    assert r.scan_started("SF1", 100.0, "TB-1", 7, "W1") == []
    assert r.parcel_completed("SF1", 130.0) == []
    assert r.next_due() == 133.0
    assert r.due(132.9) == []
    [closing] = r.due(133.5)
    assert (closing.clip.waybill_no, closing.clip.started_at, closing.ended_at) == (
        "SF1",
        100.0,
        133.0,
    )
    assert closing.closed_by == "complete" and closing.clip.order_id == 7
    assert r.open is None


def test_the_next_waybill_scan_closes_the_clip_before_its_tail() -> None:
    r = ClipRecorder(RULES)
    r.scan_started("SF1", 100.0)
    r.parcel_completed("SF1", 110.0)
    [closing] = r.scan_started("SF2", 111.0)
    assert closing.closed_by == "next_scan" and closing.ended_at == 111.0
    assert r.open is not None and r.open.waybill_no == "SF2"
    # a parcel never completed: the next scan closes it too
    [closing] = r.scan_started("SF3", 150.0)
    assert (closing.clip.waybill_no, closing.closed_by) == ("SF2", "next_scan")


def test_a_clip_whose_tail_ran_out_before_the_next_scan_says_complete() -> None:
    r = ClipRecorder(RULES)
    r.scan_started("SF1", 100.0)
    r.parcel_completed("SF1", 110.0)
    [closing] = r.scan_started("SF2", 200.0)  # nobody ticked in between
    assert (closing.closed_by, closing.ended_at) == ("complete", 113.0)


def test_a_parcel_never_finished_closes_at_the_time_limit() -> None:
    r = ClipRecorder(RULES)
    r.scan_started("SF1", 100.0)
    assert r.due(219.0) == []
    [closing] = r.due(221.0)
    assert (closing.closed_by, closing.ended_at) == ("time_limit", 220.0)
    # completed so late that the tail would pass the limit: the limit wins
    r.scan_started("SF2", 300.0)
    r.parcel_completed("SF2", 419.0)
    [closing] = r.due(500.0)
    assert (closing.closed_by, closing.ended_at) == ("time_limit", 420.0)


def test_the_same_waybill_scanned_again_keeps_its_clip_and_stop_closes_it() -> None:
    r = ClipRecorder(RULES)
    r.scan_started("SF1", 100.0)
    assert r.scan_started("SF1", 105.0) == []
    assert r.parcel_completed("SF9", 106.0) == []  # not the open clip's parcel
    [closing] = r.stopped(107.0)
    assert (closing.clip.started_at, closing.closed_by, closing.ended_at) == (
        100.0,
        "stopped",
        107.0,
    )
    assert r.stopped(108.0) == []


def test_a_clip_with_video_missing_or_a_failing_camera_is_incomplete() -> None:
    assert clip_state("complete", 0.0, False, RULES) == "complete"
    assert clip_state("next_scan", 1.0, False, RULES) == "next_scan"
    assert clip_state("complete", 2.0, False, RULES) == "incomplete"
    assert clip_state("time_limit", 0.0, True, RULES) == "incomplete"


def test_retention_takes_the_oldest_first_and_never_an_open_dispute() -> None:
    day = 86400
    now = 100 * day
    clips = [
        KeptClip(1, now - 40 * day, 100, protected=True),
        KeptClip(2, now - 31 * day, 100),
        KeptClip(3, now - 5 * day, 100),
        KeptClip(4, now - 4 * day, 100),
        KeptClip(5, now - 3 * day, 100),
    ]
    assert expired_clips(clips, now, days=30, budget_bytes=1000) == [(2, "age")]
    # a budget of 250 bytes: after the old one, the oldest beyond it (the protected one stays)
    assert expired_clips(clips, now, days=30, budget_bytes=250) == [
        (2, "age"),
        (3, "budget"),
        (4, "budget"),
    ]


def test_upload_limits_are_the_platforms_and_none_for_our_own_orders() -> None:
    assert upload_limit("taobao") == (60, 30 * 1024 * 1024)
    assert upload_limit("generic") is None


def test_a_closed_clip_is_finished_at_the_first_pause_and_never_later_than_the_limit() -> None:
    # the station's last call came after the clip closed: finished once it has been quiet
    assert finish_at(100.0, 101.0) == 101.0 + FINISH_QUIET_S
    # a worker who never pauses: finished when the clip has waited its limit
    assert finish_at(100.0, 100.0 + FINISH_WAIT_LIMIT_S) == 100.0 + FINISH_WAIT_LIMIT_S
