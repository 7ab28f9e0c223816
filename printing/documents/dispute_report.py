"""Dispute evidence report (售后核实报告): what the record says about one parcel, on A4.

Sent to the courier or the platform: the waybill number as a Code 128, the claim, the weights
(expected, recorded at dispatch, at the destination) and what they show, the units that most
likely account for a difference and how sure that is, where the sender's stub is filed, the
handover, who handled each step, and the evidence-chain hash that proves the record unaltered.

Input is the plain ``dict`` the dispute check returns (``dispute --json`` of
docs/dev/contract.md plus its extras); missing extras are simply left out. No app import, no Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from typing import Any

from printing.barcodes import BARCODE_VALUE, code128_width_modules
from printing.documents.common import (
    fmt_grams,
    fmt_time,
    local_time,
    paper_size,
    zone_offset,
)
from printing.documents.table import Column, TableStyle, table_pages
from printing.geometry import CODE128_QUIET_MODULES, MM_PER_DOT, snap_mm
from printing.i18n import norm_lang
from printing.i18n import tr as shared_tr
from printing.layout import LEADING, Barcode, FontModel, Line, Page, Picture, Text, wrap

_WORDS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "title": "售后核实报告",
        "waybill_no": "运单号",
        "order_no": "订单号",
        "carrier": "快递",
        "claim": "申诉类型",
        "made_at": "生成时间",
        "weights": "重量",
        "expected": "应有重量（商品+包材）",
        "recorded": "出库称重",
        "dest": "目的地称重",
        "difference": "差异",
        "tolerance": "允许误差",
        "finding": "结论",
        "suspects": "最可能涉及的商品",
        "@carton": "纸箱",
        "@filler": "填充物",
        "confidence": "把握",
        "stub": "底单位置",
        "stub_at": "第 {bundle} 捆 第 {position} 张",
        "stub_none": "无底单记录",
        "handover": "交接",
        "handover_at": "交接单 {manifest}，快递员 {courier}",
        "dispatch": "出库时",
        "evidence": "证据链",
        "evidence_event": "本单最后事件 #{seq}：{hash}",
        "chain_head": "链头 #{seq}：{hash}",
        "timeline": "经手记录",
        "video": "打包视频（关键帧）",
        "video_note": "工位 {station} 录制，视频文件 SHA-256：{sha}",
        "at": "时间",
        "step": "环节",
        "operator": "操作员",
        "station": "工位",
        "note": "说明",
        "weighed_at": "称重于 {at}，判定 {verdict}",
        "none": "无",
        "g": "{n} 克",
        # claims
        "claim_missing": "少件",
        "claim_broken": "破损",
        "claim_wrong": "错发",
        "claim_not-received": "未收到",
        # findings
        "f_consistent": "重量一致：在允许误差之内",
        "f_short": "短少 {n} 克",
        "f_over": "超重 {n} 克",
        "f_no_weighing": "无称重记录",
        "f_dest_consistent": "目的地称重与出库称重一致（差 {n} 克，在允许误差内）",
        "f_dest_short": "目的地比出库轻 {n} 克：途中有物品离开包裹",
        "f_dest_over": "目的地比出库重 {n} 克",
        "f_disp_consistent": "出库重量与应有重量一致（差 {n} 克）：包裹出库时完整",
        "f_disp_short": "出库重量比应有重量轻 {n} 克：出库时可能少件",
        "f_disp_over": "出库重量比应有重量重 {n} 克：出库时可能多发或错发",
        # confidence
        "c_sure": "确定（只有这一组合符合）",
        "c_ambiguous": "不确定（有多种组合同样符合）",
        "c_none": "无法判断（没有组合符合差异）",
        # steps
        "s_print": "打单",
        "s_reprint": "补打",
        "s_pick": "配货",
        "s_verify": "校验",
        "s_pack": "打包",
        "s_weigh": "称重",
        "s_handover": "交接",
        "reason": "原因",
        "r_jammed": "卡纸",
        "r_smudged": "打印模糊",
        "r_lost": "面单丢失",
        "r_address_changed": "改地址",
        "r_other": "其他",
        "verdict_ok": "合格",
        "verdict_hold": "挂起",
        "verdict_override": "主管放行",
        "manifest": "交接单",
        "courier": "快递员",
        "carton": "包材",
    },
    "en": {
        "title": "Dispute evidence report",
        "waybill_no": "Waybill",
        "order_no": "Order",
        "carrier": "Carrier",
        "claim": "Claim",
        "made_at": "Made",
        "weights": "Weights",
        "expected": "Expected (goods + packing)",
        "recorded": "Weighed at dispatch",
        "dest": "Weighed at destination",
        "difference": "Difference",
        "tolerance": "Tolerance",
        "finding": "Finding",
        "suspects": "Most likely items",
        "@carton": "carton",
        "@filler": "filler",
        "confidence": "Confidence",
        "stub": "Stub filed at",
        "stub_at": "bundle {bundle}, position {position}",
        "stub_none": "no stub on record",
        "handover": "Handover",
        "handover_at": "manifest {manifest}, courier {courier}",
        "dispatch": "At dispatch",
        "evidence": "Evidence chain",
        "evidence_event": "order's last event #{seq}: {hash}",
        "chain_head": "chain head #{seq}: {hash}",
        "timeline": "Who handled it",
        "video": "Packing video (key frames)",
        "video_note": "Recorded at station {station}; the video file's SHA-256: {sha}",
        "at": "Time",
        "step": "Step",
        "operator": "Operator",
        "station": "Station",
        "note": "Note",
        "weighed_at": "weighed {at}, verdict {verdict}",
        "none": "none",
        "g": "{n} g",
        "claim_missing": "Items missing",
        "claim_broken": "Broken",
        "claim_wrong": "Wrong goods",
        "claim_not-received": "Not received",
        "f_consistent": "Consistent: within the tolerance",
        "f_short": "Short by {n} g",
        "f_over": "Over by {n} g",
        "f_no_weighing": "No weighing on record",
        "f_dest_consistent": "Destination weight agrees with dispatch ({n} g, within tolerance)",
        "f_dest_short": "Lighter at the destination by {n} g: something left the parcel in transit",
        "f_dest_over": "Heavier at the destination by {n} g",
        "f_disp_consistent": "Dispatch weight matches the goods ({n} g): the parcel left complete",
        "f_disp_short": "Lighter than the goods at dispatch by {n} g: it may have left short",
        "f_disp_over": "Heavier than the goods at dispatch by {n} g: extra or wrong goods?",
        "c_sure": "sure (only this combination fits)",
        "c_ambiguous": "ambiguous (several combinations fit as well)",
        "c_none": "cannot tell (no combination fits the difference)",
        "s_print": "Printed",
        "s_reprint": "Reprinted",
        "s_pick": "Picked",
        "s_verify": "Verified",
        "s_pack": "Packed",
        "s_weigh": "Weighed",
        "s_handover": "Handed over",
        "reason": "reason",
        "r_jammed": "paper jam",
        "r_smudged": "smudged",
        "r_lost": "label lost",
        "r_address_changed": "address changed",
        "r_other": "other",
        "verdict_ok": "ok",
        "verdict_hold": "hold",
        "verdict_override": "released by supervisor",
        "manifest": "manifest",
        "courier": "courier",
        "carton": "Packing",
    },
}


def _w(key: str, lang: str, **kw: object) -> str:
    text = _WORDS[lang].get(key) or _WORDS["zh_CN"].get(key) or shared_tr(key, lang)
    return text.format(**kw) if kw else text


def _colon(lang: str) -> str:
    return "：" if lang == "zh_CN" else ": "


def _time(iso: str | None, tz: tzinfo | None, zone: bool = True) -> str:
    """An ISO time of the findings (UTC) on the floor's clock ``tz``."""
    if not iso:
        return ""
    try:
        at = datetime.fromisoformat(iso)
        return fmt_time(at if at.tzinfo else at.replace(tzinfo=UTC), tz, zone=zone)
    except ValueError:
        return iso


def _grams(g: int | None, lang: str) -> str:
    return _w("none", lang) if g is None else fmt_grams(int(g))


def finding_text(f: dict[str, Any], lang: str = "zh_CN") -> str:
    """The finding in one sentence (destination vs dispatch, or dispatch vs expected)."""
    lang = norm_lang(lang)
    finding = f.get("finding") or "no_weighing"
    diff = f.get("difference_grams")
    if finding == "no_weighing" or diff is None:
        return _w("f_no_weighing", lang)
    n = abs(int(diff))
    if f.get("dest_grams") is not None:
        return _w(f"f_dest_{finding}", lang, n=n)
    return _w(f"f_disp_{finding}", lang, n=n)


def _step_note(h: dict[str, Any], lang: str) -> str:
    parts = []
    if h.get("grams") is not None:
        parts.append(_w("g", lang, n=h["grams"]))
    if h.get("verdict"):
        parts.append(_w(f"verdict_{h['verdict']}", lang))
    if h.get("reason"):
        reason = str(h["reason"])
        worded = _WORDS[lang].get(f"r_{reason}", reason)
        parts.append(f"{_w('reason', lang)}{_colon(lang)}{worded}")
    if h.get("manifest_no"):
        parts.append(f"{_w('manifest', lang)} {h['manifest_no']}")
    if h.get("courier"):
        parts.append(f"{_w('courier', lang)} {h['courier']}")
    if h.get("result") and h["result"] != "ok":
        parts.append(str(h["result"]))
    return "，".join(parts) if lang == "zh_CN" else ", ".join(parts)


def layout_dispute_report(
    findings: dict[str, Any],
    fm: FontModel,
    lang: str = "zh_CN",
    *,
    made_at: datetime | None = None,
    size: str = "A4",
    tz: tzinfo | None = None,
) -> list[Page]:
    """The evidence report's pages. Its times are on the clock of ``tz``, the floor's time zone
    (``None``: UTC), and say so: the timeline's column names the zone, the others carry it."""
    lang = norm_lang(lang)
    f = findings
    W, H = paper_size(size)
    margin = 14.0
    inner = W - 2 * margin
    c = _colon(lang)
    waybill = str(f.get("waybill_no") or "")

    def head(page: Page, index: int) -> float:
        y = margin
        ts = fm.size(7.0)
        title = _w("title", lang) + (shared_tr("continued", lang) if index else "")
        page.add(Text(margin, y, title, ts, bold=True))
        bottom = y + ts
        if waybill and BARCODE_VALUE.match(waybill):
            mods = code128_width_modules(waybill)
            dots = 3
            while dots > 1 and (mods + 2 * CODE128_QUIET_MODULES) * dots * MM_PER_DOT > inner / 2:
                dots -= 1
            bw = mods * dots * MM_PER_DOT
            bh = 14.0
            bx = snap_mm(W - margin - CODE128_QUIET_MODULES * dots * MM_PER_DOT - bw)
            page.add(Barcode(bx, snap_mm(y), waybill, dots, snap_mm(bh)))
            ns = fm.size(3.4)
            page.add(Text(bx + bw / 2, y + bh + 0.6, waybill, ns, anchor="middle"))
            bottom = max(bottom, y + bh + 0.6 + ns)
        ms = fm.size(3.6)
        yy = y + ts + 2.5
        meta = [
            f"{_w('waybill_no', lang)}{c}{waybill or '-'}",
            f"{_w('order_no', lang)}{c}{f.get('order_no') or '-'}",
            f"{_w('carrier', lang)}{c}{f.get('carrier_name') or f.get('carrier') or '-'}",
        ]
        if f.get("claim"):
            meta.append(f"{_w('claim', lang)}{c}{_w('claim_' + str(f['claim']), lang)}")
        meta.append(f"{_w('made_at', lang)}{c}{fmt_time(made_at, tz)}")
        if index:
            meta = meta[:2]
        for i, m in enumerate(meta):
            page.add(Text(margin, yy + i * ms * 1.35, m, ms))
        y = max(bottom, yy + len(meta) * ms * 1.35) + 2.0
        page.add(Line(margin, y, W - margin, y, 0.5))
        y += 3.0
        if index:
            return y
        return _body(page, y)

    def section(page: Page, y: float, title: str) -> float:
        s = fm.size(4.4)
        page.add(Text(margin, y, title, s, bold=True))
        return y + s + 1.8

    def para(page: Page, y: float, text: str, size: float = 3.6, bold: bool = False) -> float:
        s = fm.size(size)
        for ln in wrap(text, inner - 4, s, fm):
            page.add(Text(margin + 4, y, ln, s, bold=bold))
            y += s * LEADING
        return y + 0.8

    def _body(page: Page, y: float) -> float:
        # the finding first: it is what the reader came for
        y = section(page, y, _w("finding", lang))
        y = para(page, y, finding_text(f, lang), 5.0, bold=True)
        disp = f.get("dispatch")
        if disp and f.get("dest_grams") is not None:
            y = para(
                page,
                y,
                f"{_w('dispatch', lang)}{c}"
                + _w(f"f_disp_{disp['finding']}", lang, n=abs(int(disp["difference_grams"]))),
            )
        y += 1.5
        # weights
        y = section(page, y, _w("weights", lang))
        tol = f.get("tolerance_grams")
        rows = [
            (_w("expected", lang), _grams(f.get("expected_grams"), lang)),
            (_w("recorded", lang), _grams(f.get("recorded_grams"), lang)),
            (_w("dest", lang), _grams(f.get("dest_grams"), lang)),
            (
                _w("difference", lang),
                _grams(f.get("difference_grams"), lang)
                + (f"   ({_w('tolerance', lang)} ± {tol} g)" if tol is not None else ""),
            ),
        ]
        if f.get("weighed_at"):
            verdict = f.get("weighing_verdict") or ""
            rows.append(
                (
                    "",
                    _w(
                        "weighed_at",
                        lang,
                        at=_time(f["weighed_at"], tz),
                        verdict=_w(f"verdict_{verdict}", lang) if verdict else "-",
                    ),
                )
            )
        s = fm.size(3.8)
        for label, value in rows:
            page.add(Text(margin + 4, y, label, s))
            page.add(Text(margin + 70, y, value, s, bold=bool(label)))
            y += s * 1.45
        y += 2.0
        # suspects
        y = section(page, y, _w("suspects", lang))
        sus = f.get("suspects") or []
        names = {li.get("sku"): li.get("name", "") for li in f.get("lines") or []}
        if sus:
            for sp in sus:
                sku = str(sp.get("sku"))
                if sku.startswith("@"):  # packing material: a second carton, more filler
                    what = _w(sku, lang)
                else:
                    what = f"{sku} {sp.get('name') or names.get(sku, '')}".rstrip()
                y = para(
                    page,
                    y,
                    f"{what} × {sp.get('qty')}  ({_w('g', lang, n=sp.get('grams'))})",
                    bold=True,
                )
        else:
            y = para(page, y, _w("none", lang))
        conf = f.get("confidence")
        if conf:
            y = para(page, y, f"{_w('confidence', lang)}{c}{_w('c_' + str(conf), lang)}")
        y += 1.5
        # stub, packing and handover
        stub = f.get("stub") or {}
        if stub.get("bundle") is not None:
            where = _w("stub_at", lang, bundle=stub["bundle"], position=stub.get("position"))
        else:
            where = _w("stub_none", lang)
        y = para(page, y, f"{_w('stub', lang)}{c}{where}", 4.2, bold=True)
        if f.get("carton"):
            y = para(page, y, f"{_w('carton', lang)}{c}{f['carton'].get('name', '')}")
        ho = f.get("handover")
        if ho:
            y = para(
                page,
                y,
                f"{_w('handover', lang)}{c}"
                + _w(
                    "handover_at", lang, manifest=ho.get("manifest_no"), courier=ho.get("courier")
                ),
            )
        # the evidence chain
        ev, headc = f.get("evidence"), f.get("chain_head")
        if ev or headc:
            y += 1.0
            y = section(page, y, _w("evidence", lang))
            if ev:
                y = para(page, y, _w("evidence_event", lang, seq=ev["seq"], hash=ev["hash"]), 3.0)
            if isinstance(headc, dict):
                y = para(page, y, _w("chain_head", lang, seq=headc["seq"], hash=headc["hash"]), 3.0)
        # the packing video's key frames, each with its time (the frames burn in the waybill)
        frames = [k for k in f.get("key_frames") or [] if k.get("jpeg")][:4]
        if frames:
            y += 1.0
            y = section(page, y, _w("video", lang))
            gap = 3.0
            fw = (inner - 4 - gap * (len(frames) - 1)) / max(len(frames), 4)
            first = frames[0]
            fh = fw * (first.get("height") or 9) / (first.get("width") or 16)
            ts = fm.size(3.0)
            for i, k in enumerate(frames):
                x = margin + 4 + i * (fw + gap)
                page.add(Picture(x, y, fw, fh, k["jpeg"]))
                page.add(Text(x, y + fh + 0.8, _time(k.get("at"), tz), ts))
            y += fh + 0.8 + ts * LEADING + 0.5
            y = para(
                page,
                y,
                _w("video_note", lang, station=frames[0].get("station", ""),
                   sha=frames[0].get("sha256", "")),
                2.8,
            )  # fmt: skip
        y += 2.0
        y = section(page, y, _w("timeline", lang))
        return y

    columns = [
        Column(f"{_w('at', lang)} {zone_offset(local_time(made_at, tz))}", 34, max_lines=1),
        Column(_w("step", lang), 26, bold=True, max_lines=1),
        Column(_w("operator", lang), 22, max_lines=1),
        Column(_w("station", lang), 30, max_lines=1),
        Column(_w("note", lang), inner - 34 - 26 - 22 - 30, max_lines=2),
    ]
    rows = [
        [
            _time(h.get("at"), tz, zone=False),
            _w(f"s_{h.get('step')}", lang),
            str(h.get("operator") or ""),
            str(h.get("station") or ""),
            _step_note(h, lang),
        ]
        for h in f.get("handled_by") or []
    ]
    return table_pages(
        width=W,
        height=H,
        margin=margin,
        columns=columns,
        rows=rows,
        head=head,
        fm=fm,
        style=TableStyle(size=3.2, header_size=3.0, pad=1.2),
        page_label=lambda i, n: shared_tr("page", lang, i=i, n=n),
    )


def render_dispute_report(
    findings: dict[str, Any],
    lang: str = "zh_CN",
    *,
    made_at: datetime | None = None,
    on_page: Callable[[int], None] | None = None,
    tz: tzinfo | None = None,
) -> bytes:
    """PDF bytes of the evidence report (A4) for the findings of one dispute check; times on
    the clock of ``tz`` (the floor's time zone; ``None``: UTC), printed with the zone."""
    from printing.pdf import PDF_FONTS, render_pages

    return render_pages(
        layout_dispute_report(findings, PDF_FONTS, lang, made_at=made_at, tz=tz),
        title=f"dispute {findings.get('waybill_no') or findings.get('order_no') or ''}",
        on_page=on_page,
    )
