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
    "WaybillData",
    "fmt_grams",
    "goods_summary",
    "label_format",
    "layout_manifest",
    "layout_pick_list",
    "layout_slip",
    "layout_waybill",
    "mask_name",
    "mask_phone",
    "merge_pick_lines",
    "natural_key",
    "render_manifest",
    "render_pick_list",
    "render_slips",
    "render_waybills",
]
