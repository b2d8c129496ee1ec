"""Settings export and import: a second station (or a second studio) set up in a minute.

One versioned JSON document holds this station's own settings — the scanner, the label
printer's size, the language — which the window reads from and writes to QSettings and
hands over here as a plain dict of ``"scanner/mode"``-style keys, and, from the database,
the studio's message templates and reminder rules.

An import reads and checks the whole file first: a file that is not JSON, not a StudioDesk
settings file, of a newer version, with a key nobody knows or a value that cannot be right is
refused with a message naming the file and the field, and nothing is changed. Then it is
applied: templates (matched by their key) and reminder rules (matched by event, days and
role; rules the file does not hold are switched off, never deleted) through their services,
in one transaction, manager only; the station's part is handed back to the window. Both are
audited.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import MessageChannel, MessageTemplate, ReminderEvent, ReminderRule, Role
from .clock import SYSTEM_CLOCK, Clock
from .errors import BadInput, StudioError
from .messages import Message
from .outbox import write_beside
from .reminders import list_rules, save_rule
from .staff import Actor, Permission, record, require
from .templates import check_body, list_templates, save_template
from .text import FIELD_TEXT, checked_text

FORMAT = "studiodesk-settings"
VERSION = 1
LANGUAGES = ("zh_CN", "en")
# This station's scanner settings (devices/scanner.ScannerSettings): type, and the values allowed.
SCANNER_FIELDS: dict[str, type] = {
    "mode": str, "port": str, "baud": int, "terminator": str, "max_avg_ms": int, "min_length": int,
    "max_gap_ms": int, "prefix": str, "suffix": str, "sound": bool, "badge_needs_pin": bool,
}
SCANNER_CHOICES = {"mode": ("wedge", "serial", "off"), "terminator": ("CR", "LF", "CRLF", "TAB")}
SCANNER_RANGES = {"baud": (1200, 921600), "max_avg_ms": (5, 100), "min_length": (3, 40), "max_gap_ms": (20, 300)}
LABEL_WIDTH_MM, LABEL_HEIGHT_MM = (20, 150), (15, 150)
_TEMPLATE_KEYS = ("key", "name_zh", "name_en", "body", "channel", "marketing")
_RULE_KEYS = ("event", "offset_days", "role", "template", "active")


@dataclass(frozen=True)
class TemplateSpec:
    key: str
    name_zh: str
    name_en: str
    body: str
    channel: MessageChannel
    marketing: bool


@dataclass(frozen=True)
class RuleSpec:
    event: ReminderEvent
    offset_days: int
    role: Role
    template: str | None  # a template's key
    active: bool

    @property
    def match(self) -> tuple[ReminderEvent, int, Role]:
        return self.event, self.offset_days, self.role


@dataclass(frozen=True)
class SettingsFile:
    """A checked settings file: the station's settings as ``"scanner/mode"``-style keys, and
    the database's part (None when the file has none)."""

    path: Path
    station: dict[str, object]
    templates: tuple[TemplateSpec, ...] | None
    rules: tuple[RuleSpec, ...] | None

    @property
    def has_database(self) -> bool:
        return self.templates is not None or self.rules is not None


@dataclass(frozen=True)
class Exported:
    path: Path
    templates: int
    rules: int


@dataclass(frozen=True)
class ImportPreview:
    """What an import changes: the station's keys that differ, and counts for the database."""

    file: str
    station: dict[str, object]  # every station setting the file holds
    station_changes: list[str] = field(default_factory=list)  # its keys whose value differs from now
    has_database: bool = False
    templates: int = 0  # in the file
    templates_added: int = 0
    templates_changed: int = 0
    rules: int = 0
    rules_added: int = 0
    rules_changed: int = 0
    rules_switched_off: int = 0


@dataclass(frozen=True)
class Imported:
    station: dict[str, object]  # for the window to write to this station's settings
    database: bool  # whether the templates and rules were applied
    templates_added: int = 0
    templates_changed: int = 0
    rules_added: int = 0
    rules_changed: int = 0
    rules_switched_off: int = 0


# --- export -----------------------------------------------------------------------------------


def station_section(station: Mapping[str, object]) -> dict[str, Any]:
    """The station's part of the document, from ``"scanner/mode"``-style keys."""
    scanner = {k: station[f"scanner/{k}"] for k in SCANNER_FIELDS if f"scanner/{k}" in station}
    out: dict[str, Any] = {"scanner": scanner}
    if "labels/size" in station:
        out["labels"] = {"size": station["labels/size"]}
    if "language" in station:
        out["language"] = station["language"]
    return out


def document(session: Session, this_station: Mapping[str, object], *, clock: Clock = SYSTEM_CLOCK
             ) -> dict[str, Any]:
    """The settings document: this station's settings and the database's templates and rules."""
    rules = list_rules(session)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": clock.now().astimezone(dt.timezone.utc).isoformat(timespec="seconds"),
        "station": station_section(this_station),
        "database": {
            "templates": [{"key": t.key, "name_zh": t.name_zh, "name_en": t.name_en, "body": t.body,
                           "channel": t.channel.value, "marketing": t.marketing} for t in list_templates(session)],
            "reminder_rules": [{"event": r.event.value, "offset_days": r.offset_days, "role": r.role.value,
                                "template": r.template_key, "active": r.active} for r in rules],
        },
    }


def export_settings(session: Session, path: Path, this_station: Mapping[str, object], actor: Actor, *,
                    clock: Clock = SYSTEM_CLOCK) -> Exported:
    """Write the settings document to ``path`` (beside it first, then renamed into place); audited.
    ``this_station``: the station's settings as ``"scanner/mode"``-style keys (not ``station``:
    the call path fills a parameter of that name with the station's name)."""
    doc = document(session, this_station, clock=clock)
    data = (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    written = write_beside(Path(path), data)
    templates, rules = len(doc["database"]["templates"]), len(doc["database"]["reminder_rules"])
    record(session, actor, "settings.export", None, Message(
        "Settings exported to {file}: {templates} message template(s), {rules} reminder rule(s)",
        {"file": str(written), "templates": templates, "rules": rules}), clock=clock)
    session.commit()
    return Exported(written, templates, rules)


# --- reading and checking a file --------------------------------------------------------------------


def _refuse(path: Path, where: str, value: object, expected: Message | int) -> BadInput:
    shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return BadInput("{file}: {field} is {value}, but it must be {expected}. Nothing was changed.",
                    file=str(path), field=where, value=shown[:80], expected=expected)


def _unknown(path: Path, where: str) -> BadInput:
    return BadInput("{file}: {field} is not a setting StudioDesk knows. Nothing was changed.",
                    file=str(path), field=where)


def _object(path: Path, where: str, value: object, known: tuple[str, ...], *, required: tuple[str, ...] = ()
            ) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _refuse(path, where, value, Message("a group of settings (a JSON object)"))
    for key in value:
        if key not in known:
            raise _unknown(path, f"{where}.{key}" if where else str(key))
    for key in required:
        if key not in value:
            raise BadInput("{file}: {field} is missing. Nothing was changed.", file=str(path),
                           field=f"{where}.{key}" if where else key)
    return value


def _typed(path: Path, where: str, value: object, kind: type) -> Any:
    if kind is bool:
        if not isinstance(value, bool):
            raise _refuse(path, where, value, Message("true or false"))
    elif kind is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise _refuse(path, where, value, Message("a whole number"))
    elif not isinstance(value, str):
        raise _refuse(path, where, value, Message("text"))
    return value


def _one_of(path: Path, where: str, value: object, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise _refuse(path, where, value, Message("one of {choices}", {"choices": ", ".join(choices)}))
    return str(value)


def _station(path: Path, section: object) -> dict[str, object]:
    out: dict[str, object] = {}
    body = _object(path, "station", section, ("scanner", "labels", "language"))
    if "scanner" in body:
        scanner = _object(path, "station.scanner", body["scanner"], tuple(SCANNER_FIELDS))
        for key, value in scanner.items():
            where = f"station.scanner.{key}"
            _typed(path, where, value, SCANNER_FIELDS[key])
            if key in SCANNER_CHOICES:
                _one_of(path, where, value, SCANNER_CHOICES[key])
            if key in SCANNER_RANGES:
                low, high = SCANNER_RANGES[key]
                if not low <= value <= high:
                    raise _refuse(path, where, value, Message("a whole number from {low} to {high}",
                                                              {"low": low, "high": high}))
            out[f"scanner/{key}"] = value
        if scanner.get("mode") == "serial" and not str(scanner.get("port", "")).strip():
            raise _refuse(path, "station.scanner.port", scanner.get("port", ""),
                          Message("the serial port of the scanner (COM3, /dev/ttyACM0)"))
    if "labels" in body:
        labels = _object(path, "station.labels", body["labels"], ("size",))
        if "size" in labels:
            out["labels/size"] = label_size_text(path, _typed(path, "station.labels.size", labels["size"], str))
    if "language" in body:
        out["language"] = _one_of(path, "station.language", body["language"], LANGUAGES)
    return out


def label_size_text(path: Path, text: str) -> str:
    """A label size as ``WIDTHxHEIGHT`` in mm within what a label printer takes (``50x30``)."""
    expected = Message("a label size in mm, width x height, {w_low}-{w_high} x {h_low}-{h_high} (50x30)", {
        "w_low": LABEL_WIDTH_MM[0], "w_high": LABEL_WIDTH_MM[1], "h_low": LABEL_HEIGHT_MM[0],
        "h_high": LABEL_HEIGHT_MM[1]})
    try:
        width, height = (float(x) for x in text.lower().replace("×", "x").split("x"))
    except ValueError:
        raise _refuse(path, "station.labels.size", text, expected) from None
    if not (LABEL_WIDTH_MM[0] <= width <= LABEL_WIDTH_MM[1] and LABEL_HEIGHT_MM[0] <= height <= LABEL_HEIGHT_MM[1]):
        raise _refuse(path, "station.labels.size", text, expected)
    return f"{width:g}x{height:g}"


def _checked_field(path: Path, where: str, check: Any, *args: Any) -> Any:
    """A service's own check of a value, its refusal naming the file and the field."""
    try:
        return check(*args)
    except StudioError as exc:
        raise BadInput("{file}, {field}: {problem} The settings were not imported.", file=str(path), field=where,
                       problem=exc.as_message()) from None


def _required_text(text: str, what: Any, column: Any) -> str:
    return checked_text(text, what, column, required=True) or ""


def _templates(path: Path, value: object) -> tuple[TemplateSpec, ...]:
    if not isinstance(value, list):
        raise _refuse(path, "database.templates", value, Message("a list of message templates"))
    out: list[TemplateSpec] = []
    for i, raw in enumerate(value):
        where = f"database.templates[{i + 1}]"
        row = _object(path, where, raw, _TEMPLATE_KEYS, required=_TEMPLATE_KEYS)
        key = _checked_field(path, f"{where}.key", _required_text, _typed(path, f"{where}.key", row["key"], str),
                             FIELD_TEXT["template_key"], MessageTemplate.key)
        where = f"database.templates[{key}]"
        if any(t.key == key for t in out):
            raise BadInput("{file}: the message template {key} is there twice. Nothing was changed.",
                           file=str(path), key=key)
        names = [_checked_field(path, f"{where}.{n}", _required_text, _typed(path, f"{where}.{n}", row[n], str),
                                FIELD_TEXT[n], getattr(MessageTemplate, n)) for n in ("name_zh", "name_en")]
        body = _checked_field(path, f"{where}.body", check_body, _typed(path, f"{where}.body", row["body"], str))
        channel = MessageChannel(_one_of(path, f"{where}.channel", row["channel"], tuple(c.value for c in MessageChannel)))
        marketing = _typed(path, f"{where}.marketing", row["marketing"], bool)
        out.append(TemplateSpec(key, names[0], names[1], body, channel, marketing))
    return tuple(out)


def _rules(path: Path, value: object) -> tuple[RuleSpec, ...]:
    if not isinstance(value, list):
        raise _refuse(path, "database.reminder_rules", value, Message("a list of reminder rules"))
    events = tuple(e.value for e in ReminderEvent if e is not ReminderEvent.FOLLOW_UP_DUE)
    out: list[RuleSpec] = []
    for i, raw in enumerate(value):
        where = f"database.reminder_rules[{i + 1}]"
        row = _object(path, where, raw, _RULE_KEYS, required=_RULE_KEYS)
        event = ReminderEvent(_one_of(path, f"{where}.event", row["event"], events))
        days = _typed(path, f"{where}.offset_days", row["offset_days"], int)
        if not -366 <= days <= 366:
            raise _refuse(path, f"{where}.offset_days", days,
                          Message("a whole number from {low} to {high}", {"low": -366, "high": 366}))
        role = Role(_one_of(path, f"{where}.role", row["role"], tuple(r.value for r in Role)))
        template = row["template"]
        if template is not None:
            _typed(path, f"{where}.template", template, str)
        spec = RuleSpec(event, days, role, template, _typed(path, f"{where}.active", row["active"], bool))
        if any(r.match == spec.match for r in out):
            raise BadInput("{file}: {field} is the same rule as one before it (event, days and role). Nothing was "
                           "changed.", file=str(path), field=where)
        out.append(spec)
    return tuple(out)


MAX_FILE_BYTES = 2_000_000


def read_settings_file(path: Path | str) -> SettingsFile:
    """The settings in ``path``, every value checked; refuses anything wrong, naming the field."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BadInput("{file} could not be read ({error}). Nothing was changed.", file=str(path),
                       error=exc.strerror or type(exc).__name__) from None
    if len(raw) > MAX_FILE_BYTES:  # a settings file is a few kilobytes: this is something else
        raise BadInput("{file} is not a StudioDesk settings file. Nothing was changed.", file=str(path))
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except (ValueError, RecursionError) as exc:  # not UTF-8, not JSON, nested too deep, a number too long
        raise BadInput("{file} is not a StudioDesk settings file (it is not JSON: {error}). Nothing was changed.",
                       file=str(path), error=str(exc)[:120]) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise BadInput("{file} is not a StudioDesk settings file. Nothing was changed.", file=str(path))
    version = doc.get("version")
    if version != VERSION:
        if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
            raise BadInput("{file} was written by a newer StudioDesk (settings version {version}; this one reads "
                           "version {supported}). Nothing was changed.", file=str(path), version=version,
                           supported=VERSION)
        raise _refuse(path, "version", version, VERSION)
    _object(path, "", doc, ("format", "version", "exported_at", "station", "database"))
    station = _station(path, doc.get("station", {}))
    templates: tuple[TemplateSpec, ...] | None = None
    rules: tuple[RuleSpec, ...] | None = None
    if "database" in doc:
        database = _object(path, "database", doc["database"], ("templates", "reminder_rules"))
        if "templates" in database:
            templates = _templates(path, database["templates"])
        if "reminder_rules" in database:
            rules = _rules(path, database["reminder_rules"])
    return SettingsFile(path, station, templates, rules)


# --- what changes, and applying it -----------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    templates: list[tuple[TemplateSpec, int | None]]  # added (None) or changed (the template's id)
    rules: list[tuple[RuleSpec, int | None]]  # added (None) or changed (the rule's id)
    switch_off: list[int]  # rules the file does not hold, still on


def _plan(session: Session, settings: SettingsFile) -> _Plan:
    existing = {t.key: t for t in list_templates(session)}
    templates: list[tuple[TemplateSpec, int | None]] = []
    for given in settings.templates or ():
        now = existing.get(given.key)
        if now is None:
            templates.append((given, None))
        elif (now.name_zh, now.name_en, now.body, now.channel, now.marketing) != (
                given.name_zh, given.name_en, given.body, given.channel, given.marketing):
            templates.append((given, now.id))
    known_keys = set(existing) | {t.key for t in settings.templates or ()}
    for i, spec in enumerate(settings.rules or ()):
        if spec.template is not None and spec.template not in known_keys:
            raise BadInput("{file}: {field} names the message template {key}, which neither the file nor the "
                           "database holds. Nothing was changed.", file=str(settings.path),
                           field=f"database.reminder_rules[{i + 1}].template", key=spec.template)
    rules: list[tuple[RuleSpec, int | None]] = []
    switch_off: list[int] = []
    if settings.rules is not None:
        by_match: dict[tuple[ReminderEvent, int, Role], Any] = {}
        for row in list_rules(session):
            if (row.event, row.offset_days, row.role) in by_match:
                if row.active:  # a second rule alike: the file's one rule stands for both
                    switch_off.append(row.id)
                continue
            by_match[(row.event, row.offset_days, row.role)] = row
        wanted = {spec.match for spec in settings.rules}
        for spec in settings.rules:
            now = by_match.get(spec.match)
            if now is None:
                rules.append((spec, None))
            elif (now.template_key, now.active) != (spec.template, spec.active):
                rules.append((spec, now.id))
        switch_off += [row.id for match, row in by_match.items() if match not in wanted and row.active]
    return _Plan(templates, rules, sorted(switch_off))


def preview_import(session: Session, path: Path | str, current: Mapping[str, object]) -> ImportPreview:
    """Read and check ``path`` and say what importing it would change (nothing is written).
    ``current``: this station's settings now, as ``"scanner/mode"``-style keys."""
    settings = read_settings_file(path)
    plan = _plan(session, settings)
    changes = [k for k, v in settings.station.items() if current.get(k) != v]
    return ImportPreview(
        str(settings.path), dict(settings.station), changes, settings.has_database,
        len(settings.templates or ()), sum(1 for _s, i in plan.templates if i is None),
        sum(1 for _s, i in plan.templates if i is not None), len(settings.rules or ()),
        sum(1 for _s, i in plan.rules if i is None), sum(1 for _s, i in plan.rules if i is not None),
        len(plan.switch_off))


def import_settings(session: Session, path: Path | str, actor: Actor, *, with_database: bool = True,
                    clock: Clock = SYSTEM_CLOCK) -> Imported:
    """Check ``path`` again and apply it: with ``with_database`` (a manager only) the templates
    and reminder rules through their services, in one transaction; the station's settings are
    returned for the window to keep. Audited; a refusal changes nothing."""
    settings = read_settings_file(path)
    apply_database = with_database and settings.has_database
    if apply_database:
        require(actor, Permission.MANAGE_SETTINGS)
    plan = _plan(session, settings) if apply_database else _Plan([], [], [])
    for spec, template_id in plan.templates:
        save_template(session, template_id, key=spec.key if template_id is None else None, name_zh=spec.name_zh,
                      name_en=spec.name_en, body=spec.body, channel=spec.channel, marketing=spec.marketing,
                      actor=actor, clock=clock, commit=False)
    ids = {t.key: t.id for t in session.scalars(select(MessageTemplate))} if plan.rules else {}
    for rule, rule_id in plan.rules:
        save_rule(session, rule_id, rule.event, rule.offset_days, rule.role,
                  ids[rule.template] if rule.template is not None else None, rule.active, actor, clock=clock,
                  commit=False)
    for rule_id in plan.switch_off:
        row = session.get(ReminderRule, rule_id)
        assert row is not None
        save_rule(session, rule_id, row.event, row.offset_days, row.role, row.template_id, False, actor, clock=clock,
                  commit=False)
    result = Imported(dict(settings.station), apply_database, sum(1 for _s, i in plan.templates if i is None),
                      sum(1 for _s, i in plan.templates if i is not None), sum(1 for _s, i in plan.rules if i is None),
                      sum(1 for _s, i in plan.rules if i is not None), len(plan.switch_off))
    record(session, actor, "settings.import", None, Message(
        "Settings imported from {file}: {station} station setting(s); message templates {t_added} added, "
        "{t_changed} changed; reminder rules {r_added} added, {r_changed} changed, {r_off} switched off",
        {"file": str(settings.path), "station": len(settings.station), "t_added": result.templates_added,
         "t_changed": result.templates_changed, "r_added": result.rules_added, "r_changed": result.rules_changed,
         "r_off": result.rules_switched_off}), clock=clock)
    session.commit()
    return result
