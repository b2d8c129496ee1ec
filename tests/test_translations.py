"""Chinese is the default language and complete; service errors are translated too."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from app.services.errors import BadInput, NotAllowed
from app.services.messages import Phrase
from app.ui import i18n

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "studiodesk_zh_CN.ts"

def _messages() -> list[tuple[str, str, str | None, str | None]]:
    out = []
    for ctx in ET.parse(TS).getroot():
        name = ctx.find("name").text
        for m in ctx.findall("message"):
            tr = m.find("translation")
            out.append((name, m.find("source").text, tr.text, tr.get("type")))
    return out


def test_every_chinese_translation_is_finished_and_keeps_its_placeholders():
    for context, source, translation, kind in _messages():
        assert kind is None and translation, f"untranslated in {context}: {source!r}"
        assert set(re.findall(r"\{\w+\}", source)) == set(re.findall(r"\{\w+\}", translation)), source


def test_every_service_error_is_in_the_translations():
    """Regenerate with scripts/update_translations.py when this fails."""
    sources = {s for _c, s, _t, _k in _messages()}
    import importlib.util

    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "scripts" / "update_translations.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    names = script.error_classes()
    assert {"BadInput", "DatabaseInUse", "LoginRefused", "WrongCheck"} <= names  # found in the code, not listed
    for path in (ROOT / "app" / "services").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names \
                    and node.args and isinstance(node.args[0], ast.Constant):
                assert node.args[0].value in sources, f"{path.name}: {node.args[0].value!r}"


@pytest.fixture
def chinese(qapp):
    assert i18n.install(qapp, "zh_CN") == "zh_CN"
    yield
    i18n.install(qapp, "en")


def test_errors_are_shown_in_chinese_with_their_values(chinese):
    err = BadInput("{code} has a wrong check character: it was mistyped or misread. Scan it again.",
                   code="2611-0042-03-1")
    assert i18n.error_text(err) == "2611-0042-03-1 的校验位不对：输入或扫描有误，请重新扫描。"
    refused = NotAllowed("{name} ({role}) may not {act}; ask a manager.", name="李前台", role=Phrase("counter"),
                         act=Phrase("refund"))
    assert i18n.error_text(refused) == "李前台（前台）无权退款；请找店长。"
    assert err.message.startswith("2611-0042-03-1 has a wrong check character")  # logs stay English


def test_money_and_status_names_follow_the_language(chinese):
    from app.models import ItemStatus

    assert i18n.status_name(ItemStatus.SENT) == "已发件"
    assert i18n.money(123456789) == "¥1,234,567.89"
    assert i18n.money(-50) == "-¥0.50"
    assert QCoreApplication.translate("MainWindow", "&Orders") == "门市订单(&O)"


def test_a_lifecycle_result_is_a_message_shown_in_chinese(chinese, session, studio, clock):
    from app.models import ItemStatus
    from app.services import lifecycle

    from .helpers import first_lab_item, new_order

    item = first_lab_item(session, new_order(session, studio, clock))
    done = lifecycle.transition(session, item.code, ItemStatus.SENT, studio.production, clock=clock)
    assert i18n.render(done.message) == f"{item.code}：待制作 → 在厂商制作中"
    again = lifecycle.transition(session, item.code, ItemStatus.SENT, studio.production, clock=clock)
    assert i18n.render(again.message) == f"{item.code} 当前已是：在厂商制作中；未做任何更改。"
    assert str(again.message) == f"{item.code} is already at the lab; nothing changed."  # logs stay English


def test_names_inside_a_message_are_never_translated(chinese):
    """A lab called "lab" or a customer called "Order" is shown exactly as typed."""
    from app.services.errors import NotFound

    err = NotFound("There is already a lab called {name}.", name="lab")
    assert "lab" in i18n.error_text(err) and "厂商" in i18n.error_text(err)


def test_no_text_to_translate_is_wrapped_in_parentheses_which_lupdate_does_not_read():
    """``translate("ctx", ("a" "b"))`` is one string to Python but nothing to lupdate: the text
    would never reach the .ts file and would show in English."""
    wrapped = re.compile(r'(?:\btranslate\(\s*"[^"]*",\s*|\.tr\(\s*)\(\s*"')
    found = [f"{path.relative_to(ROOT)}:{source[:m.start()].count(chr(10)) + 1}"
             for path in sorted((ROOT / "app").rglob("*.py"))
             for source in [path.read_text(encoding="utf-8")]
             for m in wrapped.finditer(source)]
    assert found == []
