"""The receiver as our screens and our stub show it: masked (王*雨, 139****1234).

A platform's order carries a protected receiver (隐私面单): the platform prints it from its
encrypted data through its own print component, and we never print or decrypt it. What we do
show of any receiver, on every screen and on the stub (存根) the weighing clerk files, goes
through this one rule, so a packer, a screen photo or a filed stub never gives away a whole
name and phone. Searching is not affected: the desk and the browser search the stored values.

Names
    Chinese (any CJK character in it): 3+ characters keep the first and the last with one
    ``*`` between, however many are hidden (王小雨 → 王*雨, 欧阳小雨 → 欧*雨, so the length is
    not told either); 2 characters keep the surname (王雨 → 王*); 1 character stays as it is.
    Latin and other scripts: each word keeps its first letter followed by ``*`` (Li Lei →
    L* L*, John Smith → J* S*, Anna → A*); a one-letter word stays. A word's letters carry far
    less than a Chinese character, so first-and-last would give too much of a short Western
    name away ("Li" → "L*i" hides nothing).

Phones
    A mainland mobile (11 digits starting with 1, an optional +86 / 0086 in front dropped):
    the first 3 and the last 4 (13912341234 → 139****1234). A landline with its area code
    (0571-88886666, 010 6552 9988): the area code stays readable, which says no more than the
    city already printed next to it, and of the local number only the last 4 show
    (0571-****6666). A privacy number's extension (13912341234-5678, 转5678) stays, since it
    is the platform's, not the buyer's. Anything else: the last 4 digits, one ``*`` for each
    digit hidden.

A value that already has a ``*`` in it (the platform masked it in its export) passes as it
is; an empty value stays empty. No Qt, no database here.
"""

from __future__ import annotations

import re

#: The ``floor_settings`` row and field for our own label (pool numbers): whether the
#: receiver's phone prints masked in its receiver area. Off by default: couriers call the
#: receiver from the label.
SETTING_KEY = "label_privacy"
PHONE_FIELD = "mask_phone"

MASK = "*"

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_SPACE = re.compile(r"\s+")
_EXTENSION = re.compile(r"^(.*?\d.*?)(?:[-#]|转|ext\.?)\s*(\d{1,6})$", re.IGNORECASE)
_COUNTRY = re.compile(r"^(?:\+|00)?86(?=1\d{10}$)")
_LANDLINE = re.compile(r"^(0\d{2,3})[-\s]+(\d{7,8})$")


def is_masked(value: str) -> bool:
    """Whether someone (we, or the platform) already masked this value."""
    return MASK in value


def mask_name(name: str) -> str:
    """``王小雨`` → ``王*雨``, ``王雨`` → ``王*``, ``Li Lei`` → ``L* L*`` (see the module)."""
    text = name.strip()
    if not text or is_masked(text):
        return text
    if _CJK.search(text):
        chars = _SPACE.sub("", text)
        if len(chars) <= 1:
            return chars
        if len(chars) == 2:
            return chars[0] + MASK
        return chars[0] + MASK + chars[-1]
    return " ".join(w if len(w) == 1 else w[0] + MASK for w in text.split())


def mask_phone(phone: str) -> str:
    """``13912341234`` → ``139****1234``, ``0571-88886666`` → ``0571-****6666`` (see the
    module)."""
    text = phone.strip()
    if not text or is_masked(text):
        return text
    ext = ""
    m = _EXTENSION.match(text)
    if m and len(re.sub(r"\D", "", m.group(1))) >= 10:  # a whole number before it
        text, ext = m.group(1).rstrip(" -#"), "-" + m.group(2)
    compact = re.sub(r"[\s\-()]", "", text)
    mobile = _COUNTRY.sub("", compact)
    if re.fullmatch(r"1\d{10}", mobile):
        return mobile[:3] + MASK * 4 + mobile[-4:] + ext
    landline = _landline(text, compact)
    if landline is not None:
        area, local = landline
        return f"{area}-{MASK * (len(local) - 4)}{local[-4:]}{ext}"
    digits = re.sub(r"\D", "", text)
    if not digits:
        return MASK * len(compact)
    return MASK * max(0, len(digits) - 4) + digits[-4:] + ext


def _landline(text: str, compact: str) -> tuple[str, str] | None:
    """(area code, local number) of a mainland landline written with its area code."""
    m = _LANDLINE.match(re.sub(r"^\((0\d{2,3})\)\s*", r"\1-", text))
    if m is not None:
        return m.group(1), m.group(2)
    if re.fullmatch(r"0\d{9,11}", compact):
        cut = 3 if compact[1] in "12" else 4  # 010 and 02x have 3 digits, the others 4
        if 7 <= len(compact) - cut <= 8:
            return compact[:cut], compact[cut:]
    return None


#: fields of an order's recorded values that name the receiver, and how each is masked
RECEIVER_FIELDS = {"receiver_name": mask_name, "receiver_phone": mask_phone}


def mask_receiver_fields(values: dict) -> dict:
    """A copy of recorded order values (an import's ``changes``: ``{field: [old, new]}``, or
    ``{field: value}``) with the receiver's name and phone masked for a screen."""
    out = dict(values)
    for key, mask in RECEIVER_FIELDS.items():
        v = out.get(key)
        if isinstance(v, str):
            out[key] = mask(v)
        elif isinstance(v, list | tuple):
            out[key] = [mask(x) if isinstance(x, str) else x for x in v]
    return out
