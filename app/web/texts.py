"""What the phone pages say: zh_CN first, English on request.

The pages' own words are in :data:`WORDS` (English -> Chinese). The services' messages are
translated with the desktop's translation source (context "errors"; no Qt objects in the
server's threads), then filled in with their values.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

from ..services.messages import Message, Phrase

log = logging.getLogger(__name__)
LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"

WORDS: dict[str, str] = {
    "StudioDesk phone": "StudioDesk 手机理件",
    "Sign in": "登录",
    "Sign out": "退出登录",
    "Name": "姓名",
    "PIN": "密码",
    "Sign in with your name and PIN to continue.": "请用姓名和密码登录后继续。",
    "Signed in as {name}": "当前：{name}",
    "Send to a lab": "发往工厂",
    "Receive": "回件",
    "Pass": "理件合格",
    "Rework": "返工",
    "Look up": "查询",
    "Lab": "工厂",
    "Reason": "原因",
    "Note": "备注",
    "Item code": "产品条码",
    "Apply": "确定",
    "Choose a mode": "选择操作",
    "Accepted": "已完成",
    "Refused": "被拒绝",
    "Nothing was written.": "未做任何更改。",
    "Order {number} · {customer}": "订单 {number} · {customer}",
    "{ready} of {total} ready": "{ready}/{total} 件可取",
    "Modes": "操作",
    "Open the order": "打开订单",
    "Apply {mode} to this item": "对此产品执行：{mode}",
    "The form was too old or came from elsewhere; nothing was written. Try again.": "表单已过期或来源不明，未做任何更改。请重试。",
    "Your session ended; sign in again.": "登录已过期，请重新登录。",
    "Page not found.": "找不到此页面。",
    "中文": "中文",
    "English": "English",
    "The database is busy; try again in a moment. Nothing changed.": "数据库正忙，请稍后再试。未做任何更改。",
    "Choose the lab first. Nothing changed.": "请先选择工厂。未做任何更改。",
}


def language_of(value: str | None) -> str:
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def word(text: str, language: str) -> str:
    return WORDS.get(text, text) if language == "zh_CN" else text


@cache
def _catalogue(language: str) -> dict[tuple[str, str], str]:
    """(context, English) -> translation, read from the desktop's translation source (Qt Linguist
    XML), so the server needs no Qt objects in its threads."""
    if language == "en":
        return {}
    path = TRANSLATIONS / f"studiodesk_{language}.ts"
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError) as exc:
        log.warning("translation %s not read for the phone pages: %s", path.name, exc)
        return {}
    found: dict[tuple[str, str], str] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if source is None or translation is None or translation.get("type") in ("unfinished", "obsolete"):
                continue
            if translation.text:
                found[(name, source)] = translation.text
    return found


def _tr(context: str, text: str, language: str) -> str:
    return _catalogue(language).get((context, text), text)


def render(message: Message, language: str) -> str:
    """A service's message in the page's language: the template translated, then its values."""
    template = _tr(message.context, message.template, language)
    params = {k: _shown(v, language) for k, v in message.params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return str(message)


def _shown(value: object, language: str) -> object:
    if isinstance(value, Phrase):
        return _tr("errors", value, language)
    if isinstance(value, Message):
        return render(value, language)
    if isinstance(value, list | tuple):
        return _tr("errors", ", ", language).join(str(_shown(v, language)) for v in value)
    return value
