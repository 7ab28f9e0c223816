"""PDF document builders: plain dataclasses in, PDF bytes out. No printers, no Qt, no app.

All builders are blocking and CPU-bound; call them from a worker thread.
"""

from printing.documents.common import (
    LABEL_FORMATS,
    PAPER_SIZES,
    LabelFormat,
    fmt_grams,
    label_format,
)
from printing.documents.daily_report import DailyReportData, render_daily_report
from printing.documents.dispute_report import (
    finding_text,
    layout_dispute_report,
    render_dispute_report,
)
from printing.documents.manifest import (
    ManifestData,
    ManifestEntry,
    layout_manifest,
    render_manifest,
)
from printing.documents.picklist import (
    MergedPickLine,
    PickLine,
    PickListData,
    layout_pick_list,
    merge_pick_lines,
    render_pick_list,
)
from printing.documents.slip import SlipData, SlipLine, layout_slip, render_slips
from printing.documents.stub_register import (
    StubRegisterData,
    StubRegisterEntry,
    render_stub_register,
)
from printing.documents.table import natural_key
from printing.documents.waybill import (
    GoodsLine,
    Party,
    WaybillData,
    goods_summary,
    layout_waybill,
    mask_name,
    mask_phone,
    render_waybills,
)

__all__ = [
    "LABEL_FORMATS",
    "PAPER_SIZES",
    "GoodsLine",
    "LabelFormat",
    "ManifestData",
    "ManifestEntry",
    "MergedPickLine",
    "Party",
    "PickLine",
    "PickListData",
    "SlipData",
    "SlipLine",
    "DailyReportData",
    "StubRegisterData",
    "StubRegisterEntry",
    "WaybillData",
    "finding_text",
    "fmt_grams",
    "goods_summary",
    "label_format",
    "layout_dispute_report",
    "layout_manifest",
    "layout_pick_list",
    "layout_slip",
    "layout_waybill",
    "mask_name",
    "mask_phone",
    "merge_pick_lines",
    "natural_key",
    "render_dispute_report",
    "render_manifest",
    "render_pick_list",
    "render_slips",
    "render_daily_report",
    "render_stub_register",
    "render_waybills",
]
