"""A station's scanner settings: what is usable, the --scanner option, loading from QSettings."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.devices.scanner import ScannerSettings, clean_scan, make_scanner, settings_from_spec


@pytest.mark.parametrize(("changes", "problem"), [
    ({"mode": "bluetooth"}, "unknown scanner mode 'bluetooth'"),
    ({"mode": "serial", "port": "  "}, "a serial scanner needs a port"),
    ({"terminator": "ETX"}, "unknown terminator 'ETX'"),
    ({"baud": 1199}, "baud 1199 out of range"),
    ({"baud": 921601}, "baud 921601 out of range"),
    ({"max_avg_ms": 4}, "timing thresholds out of range"),
    ({"max_avg_ms": 101}, "timing thresholds out of range"),
    ({"min_length": 2}, "timing thresholds out of range"),
    ({"min_length": 41}, "timing thresholds out of range"),
    ({"max_gap_ms": 19}, "timing thresholds out of range"),
    ({"max_gap_ms": 301}, "timing thresholds out of range"),
])
def test_unusable_scanner_settings_name_their_problem(changes, problem):
    assert replace(ScannerSettings(), **changes).problem() == problem


@pytest.mark.parametrize("changes", [
    {}, {"mode": "off"}, {"mode": "serial", "port": "COM3"}, {"baud": 1200}, {"baud": 921600},
    {"terminator": "CRLF"}, {"terminator": "TAB"}, {"terminator": "LF"},
    {"max_avg_ms": 5, "min_length": 3, "max_gap_ms": 20}, {"max_avg_ms": 100, "min_length": 40, "max_gap_ms": 300},
])
def test_settings_at_the_edges_of_their_ranges_are_usable(changes):
    assert replace(ScannerSettings(), **changes).problem() is None


def test_a_wedge_scanner_needs_no_port():
    assert ScannerSettings(mode="wedge", port="").problem() is None


@pytest.mark.parametrize("spec", ["wedge", "off", "  off  "])
def test_the_scanner_option_switches_mode_and_keeps_the_stations_other_settings(spec):
    base = ScannerSettings(mode="serial", port="COM4", baud=19200, prefix="]C1", sound=False)
    chosen = settings_from_spec(spec, base)
    assert chosen == replace(base, mode=spec.strip())


def test_the_scanner_option_takes_a_serial_port_and_baud():
    assert settings_from_spec("serial:COM3:115200") == ScannerSettings(mode="serial", port="COM3", baud=115200)


def test_the_scanner_option_keeps_the_stations_baud_when_none_is_given():
    base = ScannerSettings(baud=38400)
    assert settings_from_spec("serial:/dev/ttyACM0", base) == replace(base, mode="serial", port="/dev/ttyACM0")


def test_a_pyserial_url_in_the_scanner_option_stays_whole():
    chosen = settings_from_spec("serial:socket://localhost:7777")
    assert (chosen.port, chosen.baud) == ("socket://localhost:7777", 9600)


def test_a_port_name_ending_in_letters_after_a_colon_is_not_read_as_a_baud():
    assert settings_from_spec("serial:rfc2217:host").port == "rfc2217:host"


def test_the_scanner_option_refuses_a_serial_scanner_without_a_port():
    with pytest.raises(ValueError, match="a serial scanner needs a port"):
        settings_from_spec("serial:")


def test_the_scanner_option_refuses_a_baud_out_of_range_naming_it():
    with pytest.raises(ValueError, match="baud 50 out of range"):
        settings_from_spec("serial:COM3:50")


@pytest.mark.parametrize("spec", ["laser", "serial", "Wedge", ""])
def test_the_scanner_option_refuses_anything_else_quoting_it(spec):
    with pytest.raises(ValueError, match=f"not {spec!r}"):
        settings_from_spec(spec)


def test_a_switched_off_scanner_makes_no_scanner():
    assert make_scanner(ScannerSettings(mode="off")) is None


def test_the_configured_prefix_and_suffix_are_taken_off_a_scan():
    assert clean_scan("]C12611-0042-03-7#\r", prefix="]C1", suffix="#") == "2611-0042-03-7"


def test_a_prefix_or_suffix_only_comes_off_where_it_belongs():
    """A code that merely contains the prefix characters elsewhere is left as it is."""
    assert clean_scan("26]C11-0042#7", prefix="]C1", suffix="#") == "26]C11-0042#7"


@pytest.mark.parametrize(("stored", "expected"), [
    ("true", True), ("1", True), ("yes", True), ("TRUE", True), ("false", False), ("0", False), ("no", False),
])
def test_a_yes_no_setting_is_read_from_its_text(qsettings, stored, expected):
    from PySide6.QtCore import QSettings

    QSettings().setValue("scanner/badge_needs_pin", stored)
    QSettings().setValue("scanner/sound", stored)
    loaded = ScannerSettings.load()
    assert (loaded.badge_needs_pin, loaded.sound) == (expected, expected)


def test_settings_load_from_a_given_qsettings_and_missing_keys_keep_their_defaults(tmp_path):
    from PySide6.QtCore import QSettings

    store = QSettings(str(tmp_path / "station.ini"), QSettings.Format.IniFormat)
    store.setValue("scanner/min_length", "8")
    store.setValue("scanner/prefix", "]C1")
    assert ScannerSettings.load(store) == ScannerSettings(min_length=8, prefix="]C1")


def test_a_value_that_loads_but_is_out_of_range_gives_the_defaults(qsettings):
    from PySide6.QtCore import QSettings

    ScannerSettings(sound=False, port="COM9").save()
    QSettings().setValue("scanner/max_gap_ms", 5000)
    assert ScannerSettings.load() == ScannerSettings()


def test_the_settings_choose_the_kind_of_scanner_and_hand_it_its_settings(qtbot):
    from app.devices.serial_scanner import SerialScanner
    from app.devices.wedge import WedgeScanner

    wedge = make_scanner(ScannerSettings(mode="wedge", min_length=8))
    serial = make_scanner(ScannerSettings(mode="serial", port="COM3"))
    assert isinstance(wedge, WedgeScanner) and not isinstance(wedge, SerialScanner)
    assert isinstance(serial, SerialScanner)
    assert wedge.settings.min_length == 8 and serial.settings.port == "COM3"
