"""Settings → Export settings… / Import settings…: the file, the preview, the manager's part."""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings

from app.devices.scanner import ScannerSettings
from app.models import MessageChannel
from app.services import templates
from app.ui import settings_transfer


def _wait(qtbot, task) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: task is not None and not task.running, timeout=20000)


def _export(qtbot, window, path) -> None:  # type: ignore[no-untyped-def]
    window.export_settings(path)
    _wait(qtbot, window.settings_task)


def test_export_writes_the_station_and_studio_settings_and_says_where(qtbot, window, messages, tmp_path):
    ScannerSettings(mode="serial", port="COM7", baud=19200).save()
    QSettings().setValue("labels/size", "60x40")
    path = tmp_path / "settings.json"
    _export(qtbot, window, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["station"]["scanner"]["port"] == "COM7" and doc["station"]["labels"]["size"] == "60x40"
    assert len(doc["database"]["templates"]) == 8 and messages and str(path) in messages[-1]


def test_a_manager_sees_what_changes_then_imports_rules_templates_and_station_settings(
        qtbot, window, ctx, studio, session, clock, messages, tmp_path):
    path = tmp_path / "settings.json"
    QSettings().setValue("labels/size", "60x40")
    _export(qtbot, window, path)
    ready = templates.template_by_key(session, "ready_for_pickup")
    templates.save_template(session, ready.id, name_zh="改过", name_en="Changed", body="{customer}",
                            channel=MessageChannel.SMS, marketing=False, actor=studio.manager, clock=clock)
    QSettings().setValue("labels/size", "50x30")
    ctx.actor = studio.manager
    dialog = window.import_settings(path)
    assert dialog is not None and dialog.with_database and dialog.note.text() == ""
    summary = dialog.summary.text()
    assert "Message templates: 8 in the file; 0 new, 1 changed." in summary and "60x40" in summary
    assert "This station: 1 of 13 settings change." in summary
    dialog.import_button.click()
    _wait(qtbot, dialog.task)
    session.expire_all()
    assert templates.template_by_key(session, "ready_for_pickup").name_en == ready.name_en
    assert QSettings().value("labels/size") == "60x40"
    assert messages and "Settings imported." in messages[-1] and "1 changed" in messages[-1]


def test_someone_who_is_not_a_manager_imports_the_station_settings_only_and_is_told(
        qtbot, window, ctx, studio, session, clock, messages, tmp_path):
    path = tmp_path / "settings.json"
    ScannerSettings(mode="off").save()
    _export(qtbot, window, path)
    ready = templates.template_by_key(session, "ready_for_pickup")
    templates.save_template(session, ready.id, name_zh="改过", name_en="Changed", body="{customer}",
                            channel=MessageChannel.SMS, marketing=False, actor=studio.manager, clock=clock)
    ScannerSettings(mode="wedge").save()
    dialog = window.import_settings(path)  # the counter clerk of ctx
    assert dialog is not None and not dialog.with_database and "Only a manager" in dialog.note.text()
    dialog.import_button.click()
    _wait(qtbot, dialog.task)
    session.expire_all()
    assert templates.template_by_key(session, "ready_for_pickup").name_en == "Changed"  # untouched
    assert ScannerSettings.load().mode == "off" and window.scanner is None  # the station's part applied
    assert "Settings imported." in messages[-1] and "Reminder rules" not in messages[-1]


def test_a_bad_settings_file_is_refused_before_any_preview_naming_the_field(qtbot, window, messages, tmp_path):
    path = tmp_path / "settings.json"
    _export(qtbot, window, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["station"]["scanner"]["baud"] = 7
    path.write_text(json.dumps(doc), encoding="utf-8")
    labels = QSettings().value("labels/size")
    assert window.import_settings(path) is None
    assert messages and str(path) in messages[-1] and "station.scanner.baud" in messages[-1]
    assert QSettings().value("labels/size") == labels


def test_station_values_read_this_stations_settings(qsettings):
    QSettings().setValue("language", "en")
    values = settings_transfer.station_values()
    assert values["language"] == "en" and values["labels/size"] == "50x30" and values["scanner/mode"] == "wedge"
