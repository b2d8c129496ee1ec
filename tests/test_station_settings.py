"""Settings export and import: this station's scanner, label size and language, and the studio's
message templates and reminder rules, in one versioned JSON file; a bad file changes nothing."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.devices.scanner import ScannerSettings
from app.models import AuditEntry, MessageChannel, ReminderEvent, Role
from app.models.db import make_session_factory, sqlite_url
from app.services import database, reminders, station_settings as ss, templates
from app.services.errors import BadInput, NotAllowed
from app.services.staff import actor_of, create_staff

STATION = {**{f"scanner/{k}": v for k, v in asdict(ScannerSettings(mode="serial", port="COM3", baud=115200)).items()},
           "labels/size": "60x40", "language": "en"}


def _rules(session) -> list[tuple]:  # type: ignore[no-untyped-def]
    return sorted((r.event.value, r.offset_days, r.role.value, r.template_key, r.active)
                  for r in reminders.list_rules(session))


def _templates(session) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(t.key, t.name_zh, t.name_en, t.body, t.channel, t.marketing) for t in templates.list_templates(session)]


def _audits(session) -> int:  # type: ignore[no-untyped-def]
    return session.scalar(select(func.count()).select_from(AuditEntry))


def _customise(session, studio, clock) -> None:  # type: ignore[no-untyped-def]
    """A studio that changed its texts and rules from the seeded ones."""
    ready = templates.template_by_key(session, "ready_for_pickup")
    templates.save_template(session, ready.id, name_zh="取件通知", name_en="Ready", body="{customer}：{items} 已到店。",
                            channel=MessageChannel.WECHAT, marketing=False, actor=studio.manager, clock=clock)
    templates.save_template(session, None, key="new_year", name_zh="新年问候", name_en="New year",
                            body="【{studio}】新年快乐，{customer}！", channel=MessageChannel.SMS, marketing=True,
                            actor=studio.manager, clock=clock)
    shoot = next(r for r in reminders.list_rules(session) if r.event is ReminderEvent.SHOOT and r.offset_days == -1)
    reminders.save_rule(session, shoot.id, shoot.event, -1, shoot.role, shoot.template_id, False, studio.manager,
                        clock=clock)
    new_year = templates.template_by_key(session, "new_year")
    reminders.save_rule(session, None, ReminderEvent.BIRTHDAY, -2, Role.MANAGER, new_year.id, True, studio.manager,
                        clock=clock)


@pytest.fixture
def second(tmp_path, clock):
    """Another studio's database (a fresh SQLite file), with its manager."""
    engine, _ = database.open_database(sqlite_url(tmp_path / "second" / "studio.db"))
    with make_session_factory(engine)() as s:
        boss = create_staff(s, "赵店长", Role.MANAGER, "1111", clock=clock)
        manager = actor_of(boss, "分店前台")
        yield s, manager
    engine.dispose()


def test_export_and_import_carry_templates_rules_and_station_settings_to_another_database(
        session, studio, clock, tmp_path, second):
    _customise(session, studio, clock)
    path = tmp_path / "设置" / "studio-settings.json"
    path.parent.mkdir()
    done = ss.export_settings(session, path, STATION, studio.manager, clock=clock)
    assert done.path == path and done.templates == 9 and done.rules == 11
    assert not list(path.parent.glob("*.partial"))
    other, manager = second
    before = _audits(other)
    preview = ss.preview_import(other, path, {"language": "zh_CN"})
    assert (preview.templates_added, preview.templates_changed) == (1, 1)
    assert (preview.rules_added, preview.rules_changed, preview.rules_switched_off) == (1, 1, 0)
    assert set(preview.station_changes) == set(STATION)  # nothing was set at the new station
    result = ss.import_settings(other, path, manager, clock=clock)
    assert result.database and result.station == STATION
    assert _templates(other) == _templates(session) and _rules(other) == _rules(session)
    assert _audits(other) > before  # the import and each change it made
    again = ss.preview_import(other, path, STATION)  # a second import changes nothing
    assert (again.templates_added, again.templates_changed, again.rules_added, again.rules_changed,
            again.rules_switched_off, again.station_changes) == (0, 0, 0, 0, 0, [])


def test_rules_the_file_does_not_hold_are_switched_off_never_deleted(session, studio, clock, tmp_path, second):
    other, manager = second
    path = tmp_path / "s.json"
    ss.export_settings(session, path, {}, studio.manager, clock=clock)
    reminders.save_rule(other, None, ReminderEvent.UNCOLLECTED, 30, Role.COUNTER, None, True, manager, clock=clock)
    assert ss.preview_import(other, path, {}).rules_switched_off == 1
    ss.import_settings(other, path, manager, clock=clock)
    extra = [r for r in reminders.list_rules(other) if r.offset_days == 30]
    assert len(extra) == 1 and not extra[0].active


def test_a_non_manager_imports_the_station_settings_only(session, studio, clock, tmp_path):
    _customise(session, studio, clock)
    path = tmp_path / "s.json"
    ss.export_settings(session, path, STATION, studio.manager, clock=clock)
    templates.save_template(session, templates.template_by_key(session, "ready_for_pickup").id, name_zh="改过",
                            name_en="Changed", body="{customer}", channel=MessageChannel.SMS, marketing=False,
                            actor=studio.manager, clock=clock)
    rules_before, templates_before, audits = _rules(session), _templates(session), _audits(session)
    with pytest.raises(NotAllowed):
        ss.import_settings(session, path, studio.counter, clock=clock)
    assert (_rules(session), _templates(session), _audits(session)) == (rules_before, templates_before, audits)
    result = ss.import_settings(session, path, studio.counter, with_database=False, clock=clock)
    assert result.station == STATION and not result.database
    assert (_rules(session), _templates(session)) == (rules_before, templates_before)
    assert _audits(session) == audits + 1  # the station's import is audited


def _good(session, studio, clock, tmp_path) -> dict:  # type: ignore[no-untyped-def]
    path = tmp_path / "good.json"
    ss.export_settings(session, path, STATION, studio.manager, clock=clock)
    return json.loads(path.read_text(encoding="utf-8"))


def _set(doc: dict, where: str, value: object) -> None:
    *parents, last = where.split(".")
    for part in parents:
        doc = doc[int(part)] if part.isdigit() else doc[part]
    if value is _DELETE:
        del doc[last]
    elif last.isdigit():
        doc[int(last)] = value
    else:
        doc[last] = value


_DELETE = object()
BAD = [
    ("version", 2, "newer StudioDesk"),
    ("version", "one", "version"),
    ("format", "something-else", "not a StudioDesk settings file"),
    ("colour", "blue", "colour"),
    ("station.printer", {}, "station.printer"),
    ("station.scanner.volume", 3, "station.scanner.volume"),
    ("station.scanner.mode", "bluetooth", "station.scanner.mode"),
    ("station.scanner.baud", 300, "station.scanner.baud"),
    ("station.scanner.baud", "fast", "station.scanner.baud"),
    ("station.scanner.sound", "yes", "station.scanner.sound"),
    ("station.scanner.port", "", "station.scanner.port"),
    ("station.labels.size", "5x3", "station.labels.size"),
    ("station.language", "fr", "station.language"),
    ("database.templates.0.body", "{customer} {shoe_size}", "{shoe_size}"),
    ("database.templates.0.body", "", "database.templates[shoot_reminder].body"),
    ("database.templates.0.channel", "fax", "database.templates[shoot_reminder].channel"),
    ("database.templates.0.marketing", _DELETE, "database.templates[1].marketing"),
    ("database.templates.1.key", "shoot_reminder", "twice"),
    ("database.templates", {}, "database.templates"),
    ("database.reminder_rules.0.event", "follow_up_due", "database.reminder_rules[1].event"),
    ("database.reminder_rules.0.offset_days", 400, "database.reminder_rules[1].offset_days"),
    ("database.reminder_rules.0.role", "boss", "database.reminder_rules[1].role"),
    ("database.reminder_rules.0.template", "no_such_template", "no_such_template"),
    ("database.reminder_rules.1.offset_days", -7, "same rule"),
]


@pytest.mark.parametrize(("where", "value", "named"), BAD, ids=[f"{w}={v!r}" for w, v, _n in BAD])
def test_a_bad_settings_file_is_refused_naming_the_file_and_the_field_and_nothing_changes(
        session, studio, clock, tmp_path, where, value, named):
    doc = _good(session, studio, clock, tmp_path)
    _set(doc, where, value)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    state = (_rules(session), _templates(session), _audits(session))
    with pytest.raises(BadInput) as refused:
        ss.preview_import(session, path, {})
    assert str(path) in refused.value.message and named in refused.value.message
    assert "Nothing was changed" in refused.value.message or "were not imported" in refused.value.message
    with pytest.raises(BadInput):
        ss.import_settings(session, path, studio.manager, clock=clock)
    assert (_rules(session), _templates(session), _audits(session)) == state


@pytest.mark.parametrize("content", [b"", b"{not json", b"\xff\xfe\x00", b"[1, 2]", b'"text"'])
def test_a_file_that_is_not_a_settings_file_is_refused(session, tmp_path, content):
    path = tmp_path / "other.json"
    path.write_bytes(content)
    with pytest.raises(BadInput) as refused:
        ss.read_settings_file(path)
    assert "is not a StudioDesk settings file" in refused.value.message and str(path) in refused.value.message


def test_a_settings_file_that_cannot_be_read_is_refused(tmp_path):
    with pytest.raises(BadInput) as refused:
        ss.read_settings_file(tmp_path)  # a folder
    assert "could not be read" in refused.value.message


def test_an_export_that_cannot_be_written_leaves_nothing_and_says_so(session, studio, clock, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    audits = _audits(session)
    with pytest.raises(BadInput) as refused:
        ss.export_settings(session, blocker / "s.json", STATION, studio.manager, clock=clock)
    assert "could not be written" in refused.value.message and _audits(session) == audits
    with pytest.raises(BadInput):
        ss.export_settings(session, tmp_path, STATION, studio.manager, clock=clock)  # a folder's name
    assert not list(tmp_path.rglob("*.partial"))


def test_the_scanner_settings_a_file_may_hold_are_the_scanners_own():
    assert list(ss.SCANNER_FIELDS) == [f.name for f in fields(ScannerSettings)]
    for f in fields(ScannerSettings):
        assert isinstance(getattr(ScannerSettings(), f.name), ss.SCANNER_FIELDS[f.name])
    for key, (low, high) in ss.SCANNER_RANGES.items():  # the same limits as ScannerSettings.problem
        assert ScannerSettings(**{key: low}).problem() is None and ScannerSettings(**{key: high}).problem() is None
        assert ScannerSettings(**{key: low - 1}).problem() and ScannerSettings(**{key: high + 1}).problem()
    for key, choices in ss.SCANNER_CHOICES.items():
        for choice in choices:
            assert ScannerSettings(**{key: choice, "port": "COM1"}).problem() is None


def test_a_file_without_the_database_part_changes_only_the_station(session, studio, clock, tmp_path):
    path = tmp_path / "station-only.json"
    path.write_text(json.dumps({"format": ss.FORMAT, "version": 1, "station": {"language": "zh_CN"}}), encoding="utf-8")
    preview = ss.preview_import(session, path, {"language": "en"})
    assert not preview.has_database and preview.station_changes == ["language"]
    rules = _rules(session)
    result = ss.import_settings(session, path, studio.counter, clock=clock)  # no database part: anyone may
    assert result.station == {"language": "zh_CN"} and not result.database and _rules(session) == rules


def test_a_label_size_is_written_back_in_the_form_the_printer_settings_read(tmp_path):
    assert ss.label_size_text(Path("x.json"), "50×30.0") == "50x30"


@pytest.mark.parametrize("text", [
    '{"format": "studiodesk-settings", "version": 1, "station": ' + "[" * 100_000 + "]" * 100_000 + "}",
    '{"format": "studiodesk-settings", "version": ' + "9" * 5000 + "}",
    '{"format": "studiodesk-settings", "version": 1, "station": {"scanner": {"baud": ' + "9" * 5000 + "}}}",
    " " * (ss.MAX_FILE_BYTES + 1),
], ids=["nested too deep", "a number too long", "a baud rate too long", "far too big"])
def test_a_settings_file_python_cannot_read_as_json_is_refused_not_a_bug(tmp_path, text):
    path = tmp_path / "odd.json"
    path.write_text(text)
    with pytest.raises(BadInput, match="is not a StudioDesk settings file"):
        ss.read_settings_file(path)
