"""Device errors worded for the command line in the user's language (no Qt here).

The GUI words :class:`devices.errors.DeviceError` codes through Qt's translation
(``app.ui.desks.devices.panel.device_error_text``); the CLI cannot load Qt, so the Chinese wording of
the few device codes lives here. English is the DeviceError's own one-line message. The language
is ``--lang`` (which ``app.__main__`` puts in $PARCELPROOF_LANG), else the system locale.
"""

from __future__ import annotations

from typing import Any

from app.settings import choose_language

UDEV_RULE = "resources/linux/99-parcelproof-serial.rules"

ZH_CN = {
    "permission_denied": "无权打开串口 {port}：请把当前用户加入 dialout 组"
    "（sudo usermod -aG dialout $USER）后注销并重新登录，或安装 udev 规则 " + UDEV_RULE,
    "not_found": "找不到串口 {port}：数据线是否插好，端口名是否正确？",
    "busy": "串口 {port} 正被其他程序占用：关闭该程序后再试",
    "bad_url": "{port} 不是可识别的端口名或 URL",
    "bad_settings": "串口 {port} 不接受这些通信参数（波特率、校验位）",
    "io_error": "读取串口 {port} 失败：数据线被拔出或设备已重启",
    "unknown_protocol": "未知的秤协议",
}


def device_message(exc: Any, lang: str | None = None) -> str:
    """One line for ``exc`` (a DeviceError) in ``lang`` (default: the user's language)."""
    lang = lang or choose_language()
    code = getattr(exc, "code", "")
    if lang == "zh_CN" and code in ZH_CN:
        return ZH_CN[code].format(port=getattr(exc, "port", None) or "")
    message = getattr(exc, "message", None) or str(exc)
    if code == "permission_denied" and "udev" not in message:
        message += f" (or install the udev rule {UDEV_RULE})"
    return message
