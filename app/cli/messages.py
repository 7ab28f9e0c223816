"""Every service error code in words for a terminal, in English and Chinese (no Qt here).

The GUI words the same codes through Qt (`app.ui.kit.texts`); tests/unit/test_error_words.py
walks every ``ServiceError`` code raised in ``app/`` and checks both tables have it in both
languages. A command may word a code its own way first (its ``local`` table, English).
"""

from __future__ import annotations

from collections.abc import Mapping

from app.cli.common import PIN_TEXTS

EN: dict[str, str] = {
    # signing in, permissions
    "unknown_badge": "operator {badge} is not known",
    "unknown_operator": "operator {operator} is not known",
    "operator_inactive": "operator {operator} is no longer active",
    "pin_required": "the PIN of {operator} is needed",
    "pin_needed": "operator {operator} needs a PIN (supervisors and administrators sign in with one)",
    "wrong_pin": "wrong PIN for {operator}",
    "bad_pin": "a PIN is 4 to 6 digits",
    "not_allowed": "operator {operator} may not do this (needs: {roles})",
    "last_admin": "{operator} is the last active administrator: make another one first",
    "duplicate_operator": "operator {operator} exists already",
    "duplicate_badge": "badge {badge} is already someone else's",
    # orders, waybills, printing
    "order_not_found": "no order matches {key}{order}",
    "ambiguous_key": "{key} matches {count} parcels: give the waybill or order number",
    "not_found": "no parcel has waybill {waybill}{key}",
    "no_stub": "waybill {waybill} has no stub on record",
    "waybill_not_found": "waybill {waybill} is not known (or not in use)",
    "order_cancelled": "waybill {waybill} belongs to a cancelled order: do not ship it",
    "reprint_left_warehouse": "waybill {waybill} (order {order_no}) is {status}: the parcel is "
    "with the courier and a second label can ship a duplicate",
    "reason_required": "a reason is required",
    "bad_limit": "the number of orders must be 1 or more, not {limit}",
    "bad_format": "unknown label format {format}; one of {formats}",
    "shop_not_found": "no shop is called {shop}",
    "carrier_unknown": "no carrier has the code {carrier}",
    "carrier_change_too_late": "order {order} is {status}: void its waybill first",
    "carrier_not_serving": "{carrier} does not deliver to {area} (order {order})",
    "needs_component": "waybill {waybill} is a platform's e-waybill: it prints only through the "
    "platform's print component ({platform})",
    "needs_label_printer": "waybill {waybill} is not a platform's e-waybill: a print component "
    "prints only the platform's own",
    "platform_refused": "the platform ({platform}) refused: {platform_code} {message}",
    # scanning stations
    "held": "order {order_no} is on hold ({reason}): a supervisor decides first",
    "intercepted": "order {order_no} was intercepted ({reason}): do not ship waybill {waybill}",
    "already_picked": "order {order_no} is already picked",
    "already_verified": "order {order_no} is already {status}",
    "already_packed": "order {order_no} is already {status}",
    "wrong_step": "order {order_no} is {status}: it is not ready for {step}",
    "claimed_elsewhere": "order {order_no} is open at station {station}",
    "bad_hold_reason": "{reason} is not a reason to hold an order",
    "not_held": "order {order_no} is not on hold",
    "nothing_to_undo": "order {order_no} has no scan to undo",
    "unknown_carton": "no carton is called {carton}",
    "offline_order_not_opened": "a scan kept while offline names order {key}, which was never "
    "opened: check the parcel",
    "offline_wrong_item": "a scan kept while offline ({key}) was the wrong item: check the parcel",
    "offline_extra_unit": "a scan kept while offline ({key}) was one unit too many: check the "
    "parcel",
    "offline_bad_check_digit": "a scan kept while offline ({key}) has a wrong check digit: "
    "check the parcel",
    "offline_unknown_code": "a scan kept while offline ({key}) is no known product: check the "
    "parcel",
    "offline_need_serial": "a scan kept while offline ({key}) needed a serial number: check the "
    "parcel",
    "offline_serial_duplicate": "a serial number kept while offline ({key}) was scanned twice: "
    "check the parcel",
    "offline_serial_in_parcel": "a serial number kept while offline ({key}) is already in "
    "another parcel: check the parcel",
    # weighing
    "not_verified": "waybill {waybill} (order {order_no}) is {status}: it is not verified yet",
    "batch_not_identical": "waybill {waybill} (order {order_no}) is not the same as the batch",
    "batch_not_ready": "waybill {waybill} (order {order_no}) is {status}: the batch is not ready",
    "cannot_override": "waybill {waybill} cannot be overridden ({reason})",
    "nothing_to_override": "waybill {waybill} has nothing to override",
    "bad_grams": "{grams} is not a weight in grams",
    "unknown_sku": "no product has SKU {sku}",
    "no_open_bundle": "station {station} has no open stub bundle",
    "stub_count_mismatch": "bundle {bundle}: {counted} stubs counted, {stubs} recorded for "
    "{parcels} parcels",
    # handover
    "cart_empty": "the cart is empty",
    "courier_required": "the courier's name is required",
    "not_on_cart": "waybill {waybill} is not on this cart",
    # dispute
    "case_not_found": "no dispute case {case}",
    "unknown_claim": "{claim} is not a kind of claim",
    "bad_weight": "{grams} is not a weight in grams",
    "bad_month": "{month} is not a month (YYYY-MM)",
    "cannot_write": "cannot write {path}: {detail}",
    # admin
    "invalid_value": "{value} is not a valid {field}",
    "too_long": "{field} is longer than {max} characters",
    "out_of_range": "{field} must be between {low} and {high}, not {value}",
    "duplicate_sku": "SKU {sku} exists already",
    "duplicate_barcode": "barcode {barcode} belongs to another product (not {sku})",
    "unknown_product": "no product has SKU {sku}",
    "duplicate_carrier": "carrier {carrier} exists already",
    "same_carrier_twice": "carrier {carrier} is named twice",
    "invalid_range": "{first}–{last} is not a range of waybill numbers",
    "range_too_large": "a range holds at most {max} numbers",
    "not_carrier_number": "{number} is not a waybill number of {carrier}",
    "numbers_known": "numbers of {first}–{last} are already in a pool",
    # platform accounts
    "unknown_shop": "no shop {shop}",
    "unknown_carrier": "no carrier {carrier}",
    "unknown_platform": "no platform {platform}: cainiao, pdd, douyin or jd",
    "unknown_account": "no account {account}",
    "credentials_required": "the app key, the app secret and the session are all needed",
    "no_account": "shop {shop} has no {carrier} account",
    "account_has_numbers": "the {carrier} account of {shop} has {count} waybill numbers in use: "
    "it cannot be removed",
    "platform_not_supported": "platform {platform} is not supported yet",
    "secret_unreadable": "this station cannot read the stored secret: its key ({path} or "
    "${env}) is not the one the account was saved with",
    # backup and restore
    "file_not_found": "{path}: no such file",
    "not_a_backup": "{path} is not a Parcelproof backup: nothing was changed",
    "backup_damaged": "{path} is damaged (truncated or altered) and cannot be restored: "
    "nothing was changed",
    "backup_newer": "{path} was written by a newer program (schema {revision}): update this "
    "station first; nothing was changed",
    "backup_chain_broken": "the evidence chain in {path} does not verify ({problem}); nothing "
    "was changed (an administrator may restore it anyway with --force, which is recorded)",
    "stations_connected": "stations are still connected to the database ({count}): close them "
    "first (or --force); nothing was changed",
    "backup_failed": "the backup failed: {detail}",
    "restore_failed": "the restore failed and was rolled back: {detail}",
    "tool_missing": "{tool} is not installed (the PostgreSQL client tools)",
}

ZH: dict[str, str] = {
    "unknown_badge": "工号或工牌 {badge} 不存在",
    "unknown_operator": "操作员 {operator} 不存在",
    "operator_inactive": "操作员 {operator} 已停用",
    "pin_required": "需要 {operator} 的 PIN",
    "pin_needed": "操作员 {operator} 需要设置 PIN（主管和管理员凭 PIN 登录）",
    "wrong_pin": "{operator} 的 PIN 错误",
    "bad_pin": "PIN 为 4 到 6 位数字",
    "not_allowed": "操作员 {operator} 无权进行此操作（需要：{roles}）",
    "last_admin": "{operator} 是最后一位在用的管理员：请先设置另一位管理员",
    "duplicate_operator": "操作员 {operator} 已存在",
    "duplicate_badge": "工牌 {badge} 已属于他人",
    "order_not_found": "没有与 {key}{order} 相符的订单",
    "ambiguous_key": "{key} 对应 {count} 个包裹：请输入运单号或订单号",
    "not_found": "没有运单号为 {waybill}{key} 的包裹",
    "no_stub": "运单 {waybill} 没有存根记录",
    "waybill_not_found": "运单 {waybill} 不存在（或未在使用）",
    "order_cancelled": "运单 {waybill} 属于已取消的订单：不要发货",
    "reprint_left_warehouse": "运单 {waybill}（订单 {order_no}）状态为 {status}：包裹已交快递，"
    "再打一张面单可能重复发货",
    "reason_required": "必须填写原因",
    "bad_limit": "订单数量至少为 1，不能是 {limit}",
    "bad_format": "未知的面单格式 {format}；可选：{formats}",
    "shop_not_found": "没有名为 {shop} 的店铺",
    "carrier_unknown": "没有代码为 {carrier} 的快递公司",
    "carrier_change_too_late": "订单 {order} 状态为 {status}：请先作废其运单",
    "carrier_not_serving": "{carrier} 不派送到 {area}（订单 {order}）",
    "needs_component": "运单 {waybill} 是平台电子面单：只能通过平台打印组件（{platform}）打印",
    "needs_label_printer": "运单 {waybill} 不是平台电子面单：打印组件只打印平台自己的面单",
    "platform_refused": "平台（{platform}）拒绝：{platform_code} {message}",
    "held": "订单 {order_no} 已挂起（{reason}）：先由主管处理",
    "intercepted": "订单 {order_no} 已拦截（{reason}）：运单 {waybill} 不要发货",
    "already_picked": "订单 {order_no} 已配货",
    "already_verified": "订单 {order_no} 已是 {status}",
    "already_packed": "订单 {order_no} 已是 {status}",
    "wrong_step": "订单 {order_no} 状态为 {status}：还不能进行 {step}",
    "claimed_elsewhere": "订单 {order_no} 正在工作站 {station} 处理",
    "bad_hold_reason": "{reason} 不是挂起订单的原因",
    "not_held": "订单 {order_no} 未挂起",
    "nothing_to_undo": "订单 {order_no} 没有可撤销的扫描",
    "unknown_carton": "没有名为 {carton} 的纸箱",
    "offline_order_not_opened": "离线时保存的扫描指向订单 {key}，但该订单从未打开：请检查包裹",
    "offline_wrong_item": "离线时保存的扫描（{key}）是错货：请检查包裹",
    "offline_extra_unit": "离线时保存的扫描（{key}）多了一件：请检查包裹",
    "offline_bad_check_digit": "离线时保存的扫描（{key}）校验位错误：请检查包裹",
    "offline_unknown_code": "离线时保存的扫描（{key}）不是已知商品：请检查包裹",
    "offline_need_serial": "离线时保存的扫描（{key}）需要序列号：请检查包裹",
    "offline_serial_duplicate": "离线时保存的序列号（{key}）被扫了两次：请检查包裹",
    "offline_serial_in_parcel": "离线时保存的序列号（{key}）已在另一个包裹中：请检查包裹",
    "not_verified": "运单 {waybill}（订单 {order_no}）状态为 {status}：尚未校验",
    "batch_not_identical": "运单 {waybill}（订单 {order_no}）与本批不同",
    "batch_not_ready": "运单 {waybill}（订单 {order_no}）状态为 {status}：本批尚未就绪",
    "cannot_override": "运单 {waybill} 不能放行（{reason}）",
    "nothing_to_override": "运单 {waybill} 没有需要放行的称重",
    "bad_grams": "{grams} 不是以克为单位的重量",
    "unknown_sku": "没有 SKU 为 {sku} 的商品",
    "no_open_bundle": "工作站 {station} 没有未封的存根捆",
    "stub_count_mismatch": "存根捆 {bundle}：点数 {counted} 张，记录 {stubs} 张，共 {parcels} 个包裹",
    "cart_empty": "交接车是空的",
    "courier_required": "必须填写快递员姓名",
    "not_on_cart": "运单 {waybill} 不在这辆交接车上",
    "case_not_found": "没有纠纷案件 {case}",
    "unknown_claim": "{claim} 不是一种索赔类型",
    "bad_weight": "{grams} 不是以克为单位的重量",
    "bad_month": "{month} 不是月份（YYYY-MM）",
    "cannot_write": "无法写入 {path}：{detail}",
    "invalid_value": "{value} 不是有效的{field}",
    "too_long": "{field} 超过 {max} 个字符",
    "out_of_range": "{field} 必须在 {low} 到 {high} 之间，不能是 {value}",
    "duplicate_sku": "SKU {sku} 已存在",
    "duplicate_barcode": "条码 {barcode} 属于另一个商品（不是 {sku}）",
    "unknown_product": "没有 SKU 为 {sku} 的商品",
    "duplicate_carrier": "快递公司 {carrier} 已存在",
    "same_carrier_twice": "快递公司 {carrier} 重复出现",
    "invalid_range": "{first}–{last} 不是一个运单号段",
    "range_too_large": "一个号段最多 {max} 个号码",
    "not_carrier_number": "{number} 不是 {carrier} 的运单号",
    "numbers_known": "{first}–{last} 中的号码已在号池里",
    "unknown_shop": "没有店铺 {shop}",
    "unknown_carrier": "没有快递公司 {carrier}",
    "unknown_platform": "没有平台 {platform}：可选 cainiao、pdd、douyin 或 jd",
    "unknown_account": "没有账号 {account}",
    "credentials_required": "需要 app key、app secret 和 session",
    "no_account": "店铺 {shop} 没有 {carrier} 账号",
    "account_has_numbers": "{shop} 的 {carrier} 账号有 {count} 个运单号在用：不能删除",
    "platform_not_supported": "暂不支持平台 {platform}",
    "secret_unreadable": "本工作站读不出保存的密钥：其密钥（{path} 或 ${env}）不是保存账号时用的那把",
    "file_not_found": "{path}：文件不存在",
    "not_a_backup": "{path} 不是 Parcelproof 备份：未做任何改动",
    "backup_damaged": "{path} 已损坏（被截断或改动），无法恢复：未做任何改动",
    "backup_newer": "{path} 由更新版本的程序写入（数据库结构 {revision}）：请先更新本工作站；未做任何改动",
    "backup_chain_broken": "{path} 中的证据链校验不通过（{problem}）；未做任何改动"
    "（管理员可用 --force 强制恢复，并会记录在证据链上）",
    "stations_connected": "仍有工作站连接着数据库（{count}）：请先关闭（或用 --force）；未做任何改动",
    "backup_failed": "备份失败：{detail}",
    "restore_failed": "恢复失败，已回滚：{detail}",
    "tool_missing": "未安装 {tool}（PostgreSQL 客户端工具）",
}

EN.update(
    {
        "pin_six_digits": "this floor needs PINs of 6 digits or more",
        "own_pin_six_digits": "give yourself ({operator}) a {digits}-digit PIN first, then "
        "require {digits}-digit PINs",
        "no_clip": "no packing video clip of a parcel matches {key}",
        "clip_unreachable": "clip {file} is not reachable here: it is on station {host} (or "
        "expired)",
        "bad_export_limit": "--limit must be platform, none or a number of seconds, not {limit}",
    }
)
ZH.update(
    {
        "pin_six_digits": "本现场要求 PIN 码至少 6 位",
        "own_pin_six_digits": "请先把你自己（{operator}）的 PIN 码改成 {digits} 位，再要求 {digits} 位 PIN 码",
        "no_clip": "没有与 {key} 对应的包裹打包视频",
        "clip_unreachable": "视频 {file} 在本机无法读取：它在工作站 {host} 上（或已过期删除）",
        "bad_export_limit": "--limit 只能是 platform、none 或秒数，不能是 {limit}",
    }
)
# the PIN, lock and permission refusals, worded where the command line checks PINs
for _lang, _table in (("en", EN), ("zh_CN", ZH)):
    _table.update(PIN_TEXTS[_lang])

TABLES: dict[str, dict[str, str]] = {"en": EN, "zh_CN": ZH}


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _params(params: Mapping[str, object]) -> _Blank:
    out = _Blank()
    for key, value in params.items():
        if isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value)
        out[key] = "" if value is None else str(value)
    return out


def worded(
    exc: BaseException, lang: str | None = None, local: Mapping[str, str] | None = None
) -> str:
    """A service error in one line of the user's language (``--lang``, then the system's).

    ``local``: a command's own English wording of some codes, used first in English. A code
    no table knows is still worded ("refused: …"), never shown as a dict.
    """
    from app.settings import choose_language

    code = str(getattr(exc, "code", "") or "")
    params = _params(getattr(exc, "params", {}) or {})
    chosen = choose_language(lang)
    text = None
    if chosen == "en" and local:
        text = local.get(code)
    if text is None:
        text = TABLES.get(chosen, EN).get(code) or EN.get(code)
    if text is None:
        detail = ", ".join(v for v in params.values() if v)
        text = ("refused: " if chosen == "en" else "被拒绝：") + (detail or code.replace("_", " "))
        return text
    return text.format_map(params)
