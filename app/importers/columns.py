"""The order files' columns (no database here): the header aliases of each field, the readers
that take a row's (or a whole column's) cells by them, and which platform a header is."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter

from app.importers.tables import GUARDS, PADDING, clean

FIELDS: dict[str, tuple[str, ...]] = {
    "order_no": ("order_no", "订单编号", "订单号", "订单ID", "订单id"),
    "status": ("status", "订单状态"),
    "after_sale": ("售后状态",),
    "shop": ("shop", "店铺名称", "店铺", "店铺名"),
    "buyer": ("buyer", "买家会员名", "下单帐号", "下单账号", "买家昵称", "买家"),
    "receiver_name": ("receiver_name", "收货人姓名", "收货人", "客户姓名", "收件人"),
    "receiver_phone": (
        "receiver_phone",
        "联系手机",
        "手机",
        "手机号",
        "联系电话",
        "收货人手机号",
        "收件人手机",
    ),
    "address": ("address", "收货地址", "客户地址", "详细地址", "收件地址"),
    "province": ("province", "省", "省份", "收货省份"),
    "city": ("city", "市", "城市", "收货城市"),
    "district": ("district", "区", "区县", "收货区县"),
    "street": ("street", "街道"),
    "paid_at": ("paid_at", "订单付款时间", "付款时间", "支付时间", "付款确认时间", "下单时间"),
    "promised_ship_at": ("promised_ship_at", "承诺发货时间", "最晚发货时间"),
    "buyer_message": ("buyer_message", "买家留言", "买家备注"),
    "seller_remark": ("seller_remark", "订单备注", "商家备注", "卖家备注"),
    "total": ("total", "买家实际支付金额", "应付金额", "用户实付金额(元)", "实付金额", "订单金额"),
    "item_count": ("item_count", "宝贝总数量"),
    "sku": (
        "sku",
        "商家编码",
        "商家编码-SKU维度",
        "商家SKUID",
        "商家SKU",
        "商品货号",
        "外部系统编号",
        "商家编码-商品维度",
        "SKU编码",
    ),
    "title": ("title", "name", "标题", "商品名称", "商品", "宝贝标题"),
    "qty": ("qty", "quantity", "购买数量", "订购数量", "商品数量(件)", "商品数量", "数量"),
    "price": ("price", "价格", "京东价", "商品单价", "单价"),
    "attributes": ("attributes", "商品属性", "商品规格", "规格", "销售属性"),
}


Cells = Sequence[object]
Getter = Callable[[Cells], str]
Reader = Callable[[Cells], list[str]]


def _getter(idxs: tuple[int, ...]) -> Getter:
    """Reads a field: the first non-empty cleaned cell of these columns ('' when none)."""

    def first(cells: Cells) -> str:
        n = len(cells)
        for i in idxs:
            if i < n:
                v = clean(cells[i])
                if v:
                    return v
        return ""

    return first


def _layout(
    header: Sequence[str], colmap: dict[str, str], keys: Sequence[str]
) -> list[tuple[int, ...]]:
    """For each field, the columns it may be read from, in order of preference."""
    index = {h: i for i, h in enumerate(header)}
    return [
        tuple(index[a] for a in ((colmap[k],) if k in colmap else FIELDS[k]) if a in index)
        for k in keys
    ]


def _reader(header: Sequence[str], colmap: dict[str, str], keys: Sequence[str]) -> Reader:
    """Once per file: a function that reads these fields of a row, cleaned, in this order
    ('' for a field the file lacks). A map wins over the aliases; a name that appears twice
    in the header is read from its last column; a field found in several columns takes the
    first that is not empty.

    A row as wide as the header is read with one `itemgetter` call and one pass that cleans
    only the cells that need it: a big file has hundreds of thousands of rows."""
    found = _layout(header, colmap, keys)
    getters = [_getter(idxs) for idxs in found]
    several = [(pos, getters[pos]) for pos, idxs in enumerate(found) if len(idxs) > 1]
    picked = [idxs[0] if idxs else -1 for idxs in found]  # -1: the "" put after the cells
    width = max(picked, default=-1) + 1
    pad = -1 in picked
    pick = itemgetter(*picked, -1)  # -1 once more: always a tuple, even for one key

    def slow(cells: Cells) -> list[str]:
        return [g(cells) for g in getters]

    def read(cells: Cells) -> list[str]:
        if len(cells) < width:
            return slow(cells)
        values = [
            v
            if v.__class__ is str and (not v or (v[0] not in GUARDS and v[-1] not in PADDING))
            else clean(v)
            for v in pick((*cells, "") if pad else cells)
        ]
        values.pop()
        for pos, get in several:
            if not values[pos]:  # its first column is empty: the others in turn
                values[pos] = get(cells)
        return values  # type: ignore[return-value]

    return read


ColumnReader = Callable[[list[Cells]], list[Sequence[str]] | None]


def _column_reader(
    header: Sequence[str], colmap: dict[str, str], keys: Sequence[str]
) -> ColumnReader:
    """Once per file: a function that reads these fields of many rows at once, each field
    as a column of cleaned values, what `_reader` reads row by row; None when a row is
    narrower than the fields need (those rows are read one by one).

    A column is cleaned in one pass only when one of its cells needs it, which a few
    substring searches over the column joined tell: most columns need none."""
    found = _layout(header, colmap, keys)
    rest = {pos: _getter(idxs[1:]) for pos, idxs in enumerate(found) if len(idxs) > 1}
    real = [pos for pos, idxs in enumerate(found) if idxs]
    width = max((found[pos][0] for pos in real), default=-1) + 1
    pick = itemgetter(*(found[pos][0] for pos in real), found[real[0]][0]) if real else None

    def columns(rows: list[Cells]) -> list[Sequence[str]] | None:
        n = len(rows)
        if not n or pick is None or min(map(len, rows)) < width:
            return None
        picked = list(zip(*map(pick, rows), strict=True))
        out: list[Sequence[str]] = [("",) * n] * len(found)  # a field the file lacks
        for pos, col in zip(real, picked, strict=False):
            values = _cleaned(col)
            if pos in rest and not all(values):  # empty in its first column: the others
                get = rest[pos]
                values = [v or get(cells) for v, cells in zip(values, rows, strict=True)]
            out[pos] = values
        return out

    return columns


# in a column joined by NULs: a cell that starts with a guard or ends with padding
_MARKS = tuple("\x00" + g for g in GUARDS) + tuple(p + "\x00" for p in PADDING)


def _cleaned(col: Sequence[object]) -> Sequence[str]:
    """A column's cells, cleaned (`clean`)."""
    try:
        joined = "\x00".join(col)  # type: ignore[arg-type]
    except TypeError:  # a spreadsheet's numbers or empty cells
        return [clean(v) for v in col]
    if (
        joined
        and (joined[0] in GUARDS or joined[-1] in PADDING)
        or any(t in joined for t in _MARKS)
    ):
        return [
            v if not v or (v[0] not in GUARDS and v[-1] not in PADDING) else clean(v)
            for v in col  # type: ignore[union-attr]
        ]
    return col  # type: ignore[return-value]


def detect_platform(header: Iterable[str]) -> str:
    h = set(header)
    if "买家会员名" in h or "宝贝总数量" in h or ("标题" in h and "购买数量" in h):
        return "taobao"
    if "商家编码-SKU维度" in h or "拼单成功时间" in h or "商品数量(件)" in h:
        return "pdd"
    if "订购数量" in h or "下单帐号" in h or "客户地址" in h or "客户姓名" in h:
        return "jd"
    return "generic"
