"""Parcelproof printing library: document builders (PDF), label languages and print backends.

This package is a library: it never imports ``app`` and never imports Qt. Everything here is
blocking and CPU- or I/O-bound: call it from a worker thread, never from the GUI thread.

Entry points the application uses::

    from printing import (
        WaybillData, Party, GoodsLine, render_waybills,        # 电子面单 (+ 底单 on 100x180)
        SlipData, SlipLine, render_slips,                      # 出库单
        PickListData, PickLine, merge_pick_lines, render_pick_list,   # 拣货单
        ManifestData, ManifestEntry, render_manifest,          # 交接单
        StubRegisterData, StubRegisterEntry, render_stub_register,     # 底单登记表
        render_dispute_report,                                 # 售后核实报告
        render_zpl, render_tspl,                               # thermal label languages
        RoutingTable,                                          # 三段码 / 大头笔 / 集包地
        Backend, JobResult, PdfFileBackend, CupsBackend, RawSocketBackend,
        RawDeviceBackend, RecordingBackend, backend_from_url,
        mask_name, mask_phone, LABEL_FORMATS,
    )
"""

from printing.backends import (
    Backend,
    CupsBackend,
    JobResult,
    PdfFileBackend,
    RawDeviceBackend,
    RawSocketBackend,
    RecordingBackend,
    backend_from_url,
)
from printing.documents import (
    LABEL_FORMATS,
    GoodsLine,
    LabelFormat,
    ManifestData,
    ManifestEntry,
    MergedPickLine,
    Party,
    PickLine,
    PickListData,
    SlipData,
    SlipLine,
    StubRegisterData,
    StubRegisterEntry,
    WaybillData,
    goods_summary,
    mask_name,
    mask_phone,
    merge_pick_lines,
    render_dispute_report,
    render_manifest,
    render_pick_list,
    render_slips,
    render_stub_register,
    render_waybills,
)
from printing.fonts import FontNotFoundError
from printing.labels import render_tspl, render_zpl
from printing.routing import Route, RoutingError, RoutingTable

__all__ = [
    "LABEL_FORMATS",
    "Backend",
    "CupsBackend",
    "FontNotFoundError",
    "GoodsLine",
    "JobResult",
    "LabelFormat",
    "ManifestData",
    "ManifestEntry",
    "MergedPickLine",
    "Party",
    "PdfFileBackend",
    "PickLine",
    "PickListData",
    "RawDeviceBackend",
    "RawSocketBackend",
    "RecordingBackend",
    "Route",
    "RoutingError",
    "RoutingTable",
    "SlipData",
    "SlipLine",
    "StubRegisterData",
    "StubRegisterEntry",
    "WaybillData",
    "backend_from_url",
    "goods_summary",
    "mask_name",
    "mask_phone",
    "merge_pick_lines",
    "render_dispute_report",
    "render_manifest",
    "render_pick_list",
    "render_slips",
    "render_stub_register",
    "render_tspl",
    "render_waybills",
    "render_zpl",
]
