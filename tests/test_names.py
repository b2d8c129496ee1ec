"""Every value of a fixed vocabulary has a label in Chinese and in English."""

from __future__ import annotations

import enum
import inspect
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.models import enums
from app.models.enums import FollowUpStage, ItemStatus, PaymentMethod
from app.ui import i18n, names

TS = Path(__file__).resolve().parent.parent / "resources" / "translations" / "studiodesk_zh_CN.ts"


def _vocabularies() -> list[type[enum.StrEnum]]:
    return [cls for _n, cls in inspect.getmembers(enums, inspect.isclass)
            if issubclass(cls, enum.StrEnum) and cls is not enum.StrEnum and cls.__module__ == enums.__name__]


def _chinese() -> dict[tuple[str, str], str]:
    out = {}
    for ctx in ET.parse(TS).getroot():
        for m in ctx.findall("message"):
            tr = m.find("translation")
            if tr.get("type") is None and tr.text:
                out[(ctx.find("name").text, m.find("source").text)] = tr.text
    return out


@pytest.mark.parametrize("cls", _vocabularies(), ids=lambda c: c.__name__)
def test_every_value_of_every_vocabulary_has_an_english_and_a_chinese_label(cls):
    assert cls in names.VOCABULARY, f"{cls.__name__} has no display names in app/ui/names.py"
    context, labels = names.VOCABULARY[cls]
    chinese = _chinese()
    for value in cls:
        assert labels.get(value), f"{cls.__name__}.{value.name} has no English label"
        assert (context, labels[value]) in chinese, f"{cls.__name__}.{value.name} has no Chinese label"


@pytest.fixture
def chinese(qapp):
    assert i18n.install(qapp, "zh_CN") == "zh_CN"
    yield
    i18n.install(qapp, "en")


def test_labels_follow_the_language(chinese):
    assert names.name(ItemStatus.PICKED_UP) == "已取件"
    assert names.name_of(FollowUpStage, "after_pickup") == "取件后"
    assert names.choices(PaymentMethod)[1] == ("微信支付", PaymentMethod.WECHAT)
    assert names.name(None) == ""


def test_labels_in_english_are_the_source_text():
    assert names.name(ItemStatus.PICKED_UP) == "Picked up"


def test_every_act_the_services_record_has_a_name_in_the_audit_log():
    """An act code the audit log would show raw (``login.failed``) fails here."""
    import re

    from app.ui.audit_dialog import ACT_NAMES

    services = Path(__file__).resolve().parent.parent / "app" / "services"
    recorded = set()
    for path in services.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        recorded |= set(re.findall(r'record\(\s*\w+,\s*\w+(?:\.\w+)?,\s*"([a-z_.]+)"', text))
        recorded |= set(re.findall(r'action="([a-z_.]+)"', text))
    assert {"login", "login.failed", "order.cancel"} <= recorded  # the scan finds them
    assert recorded - set(ACT_NAMES) == set()
