"""Label strings in zh_CN and en.

``printing`` has no Qt, so the few words printed on documents live here instead of the
application's .ts files. Unknown languages fall back to zh_CN (the floor's language); unknown
keys fall back to the key itself so a missing entry is visible but never crashes a print run.
"""

from __future__ import annotations

LANGS = ("zh_CN", "en")

_STRINGS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "receiver": "收",
        "sender": "寄",
        "hub": "集",
        "hub_long": "集包地",
        "goods": "内件",
        "order_no": "订单号",
        "printed_at": "打印时间",
        "remark": "买家留言",
        "gift": "赠品",
        "sign": "签收人/时间",
        "sign_note": "您的签字代表您已验收此包裹，并已确认商品信息无误、包装完好、没有划痕、破损等表面质量问题。",
        "reprint": "补打",
        "stub_title": "寄件联 · 底单",
        "tear_here": "沿此线撕开",
        "expected_weight": "预估重量",
        "weighed": "实称",
        "signature": "签字",
        "more_items": "…等{n}件",
        "pieces": "{n}件",
        "slip_title": "出库单",
        "waybill_no": "运单号",
        "carrier": "快递",
        "paid_at": "付款时间",
        "bin": "库位",
        "sku": "SKU",
        "barcode": "条码",
        "name": "商品名称",
        "qty": "数量",
        "total_qty": "合计件数",
        "gift_note": "赠品",
        "invoice": "发票",
        "invoice_yes": "需开发票：{title}",
        "gift_reminder": "请放入赠品：{note}",
        "invoice_reminder": "请放入发票（信封放在买家开箱首先看到的位置）：{title}",
        "buyer_remark": "买家留言",
        "seller_memo": "卖家备注",
        "batch": "批次",
        "seq": "序号",
        "page": "第{i}/{n}页",
        "continued": "（续）",
        "picklist_title": "拣货单",
        "orders": "订单数",
        "order_count": "单数",
        "picked": "已拣",
        "lines": "品种数",
        "manifest_title": "快递交接单",
        "manifest_no": "交接单号",
        "courier": "快递员",
        "courier_sign": "快递员签字",
        "warehouse_sign": "仓库交接人签字",
        "date": "日期",
        "count": "件数",
        "total_weight": "总重量",
        "weight": "重量",
        "no": "序",
        "phone": "电话",
        "receiver_name": "收件人",
        "shop": "店铺",
        "operator": "操作员",
        "created_at": "生成时间",
        "destination": "目的地",
        "override_note": "* {waybill}：称重 {grams}，应重 {expected}，主管放行",
    },
    "en": {
        "receiver": "To",
        "sender": "Fr",
        "hub": "Hub",
        "hub_long": "Hub",
        "goods": "Goods",
        "order_no": "Order",
        "printed_at": "Printed",
        "remark": "Buyer note",
        "gift": "Gift",
        "sign": "Received by / time",
        "sign_note": "Signing confirms the parcel arrived complete, intact and undamaged.",
        "reprint": "REPRINT",
        "stub_title": "Sender's stub",
        "tear_here": "tear here",
        "expected_weight": "Expected weight",
        "weighed": "Weighed",
        "signature": "Sign",
        "more_items": "… {n} pcs in all",
        "pieces": "{n} pcs",
        "slip_title": "Outbound slip",
        "waybill_no": "Waybill",
        "carrier": "Carrier",
        "paid_at": "Paid",
        "bin": "Bin",
        "sku": "SKU",
        "barcode": "Barcode",
        "name": "Item",
        "qty": "Qty",
        "total_qty": "Total pcs",
        "gift_note": "Gift",
        "invoice": "Invoice",
        "invoice_yes": "Invoice required: {title}",
        "gift_reminder": "Add the gift: {note}",
        "invoice_reminder": "Add the invoice (envelope on top, seen first): {title}",
        "buyer_remark": "Buyer note",
        "seller_memo": "Seller memo",
        "batch": "Batch",
        "seq": "No.",
        "page": "page {i}/{n}",
        "continued": " (cont.)",
        "picklist_title": "Pick list",
        "orders": "Orders",
        "order_count": "Orders",
        "picked": "Picked",
        "lines": "SKUs",
        "manifest_title": "Courier handover manifest",
        "manifest_no": "Manifest",
        "courier": "Courier",
        "courier_sign": "Courier signature",
        "warehouse_sign": "Warehouse signature",
        "date": "Date",
        "count": "Parcels",
        "total_weight": "Total weight",
        "weight": "Weight",
        "no": "#",
        "phone": "Phone",
        "receiver_name": "Receiver",
        "shop": "Shop",
        "operator": "Operator",
        "created_at": "Created",
        "destination": "Destination",
        "override_note": "* {waybill}: weighed {grams} against {expected} expected, released by a supervisor",
    },
}


def tr(key: str, lang: str = "zh_CN", **kwargs: object) -> str:
    """The label string ``key`` in ``lang``, formatted with ``kwargs``."""
    table = _STRINGS.get(lang) or _STRINGS["zh_CN"]
    text = table.get(key) or _STRINGS["zh_CN"].get(key) or key
    return text.format(**kwargs) if kwargs else text


def lbl(key: str, lang: str = "zh_CN") -> str:
    """A field label with the language's colon: ``订单号：`` / ``Order: ``."""
    return tr(key, lang) + ("：" if norm_lang(lang) == "zh_CN" else ": ")


def norm_lang(lang: str | None) -> str:
    """``zh``, ``zh_CN``, ``zh-CN`` → ``zh_CN``; ``en_US`` → ``en``; anything else → ``zh_CN``."""
    if not lang:
        return "zh_CN"
    low = lang.replace("-", "_").lower()
    if low.startswith("en"):
        return "en"
    return "zh_CN"
