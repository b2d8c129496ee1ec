"""The Linux desktop entry and icon that `studiodesk --install-desktop-entry` installs (issue 19)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import desktop_entry

ROOT = Path(__file__).resolve().parents[1]
VALIDATE = shutil.which("desktop-file-validate")
needs_validator = pytest.mark.skipif(VALIDATE is None and os.environ.get("CI") != "true",
                                     reason="desktop-file-validate (Debian desktop-file-utils) not installed")


def _validate(path: Path) -> None:
    assert VALIDATE is not None, "desktop-file-validate is missing (scripts/test.sh installs desktop-file-utils)"
    done = subprocess.run([VALIDATE, str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def _keys(text: str, group: str = "[Desktop Entry]") -> dict[str, str]:
    lines = text.split(group, 1)[1].split("\n[", 1)[0].splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


def test_the_committed_desktop_entry_is_the_one_installed_for_a_program_on_the_path():
    assert (ROOT / "packaging" / "studiodesk.desktop").read_text(encoding="utf-8") == desktop_entry.entry_text(
        "studiodesk")


@needs_validator
def test_the_committed_desktop_entry_is_valid():
    _validate(ROOT / "packaging" / "studiodesk.desktop")


@needs_validator
def test_the_entry_and_icon_go_into_the_users_data_folder_and_start_this_program(tmp_path):
    program = tmp_path / "Studio Apps $1" / "studiodesk"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    entry, icon = desktop_entry.install(program, tmp_path / "data")
    assert entry == tmp_path / "data" / "applications" / "studiodesk.desktop"
    assert icon == tmp_path / "data" / "icons" / "hicolor" / "256x256" / "apps" / "studiodesk.png"
    assert icon.read_bytes() == (ROOT / "resources" / "icons" / "studiodesk.png").read_bytes()
    keys = _keys(entry.read_text(encoding="utf-8"))
    assert keys["Name"] == "StudioDesk" and keys["Name[zh_CN]"] == "StudioDesk 影楼前台"
    assert keys["Icon"] == "studiodesk" and keys["Categories"] == "Office;"
    assert keys["Exec"] == f'"{program.parent}/studiodesk"'.replace("$", "\\\\$")  # quoted, $ escaped twice
    assert keys["TryExec"] == str(program)
    assert not list(entry.parent.glob(".*partial"))  # written beside, renamed into place
    _validate(entry)


def test_installing_again_replaces_the_entry_of_an_older_place(tmp_path):
    desktop_entry.install(tmp_path / "old" / "studiodesk", tmp_path)
    entry, _icon = desktop_entry.install(tmp_path / "new" / "studiodesk", tmp_path)
    assert _keys(entry.read_text(encoding="utf-8"))["Exec"] == str(tmp_path / "new" / "studiodesk")


def test_the_exec_key_quotes_and_escapes_reserved_characters():
    assert desktop_entry.exec_quoted("/opt/StudioDesk/studiodesk") == "/opt/StudioDesk/studiodesk"
    assert desktop_entry.exec_quoted("/opt/My Studio/studiodesk") == '"/opt/My Studio/studiodesk"'
    assert desktop_entry.exec_quoted('/a"b`c$d\\e') == '"/a\\\\"b\\\\`c\\\\$d\\\\\\\\e"'


@needs_validator
def test_a_percent_sign_in_the_programs_path_is_written_as_a_literal_not_a_field_code(tmp_path):
    assert desktop_entry.exec_quoted("/opt/100%/studiodesk") == "/opt/100%%/studiodesk"
    entry, _icon = desktop_entry.install(tmp_path / "Studio 100%" / "studiodesk", tmp_path / "data")
    assert _keys(entry.read_text(encoding="utf-8"))["Exec"] == f'"{tmp_path}/Studio 100%%/studiodesk"'
    _validate(entry)


def test_the_command_line_installs_into_xdg_data_home_and_starts_the_installed_program(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "app.main", "--install-desktop-entry"], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(tmp_path / "applications" / "studiodesk.desktop"),
                                   str(tmp_path / "icons" / "hicolor" / "256x256" / "apps" / "studiodesk.png")]
    keys = _keys((tmp_path / "applications" / "studiodesk.desktop").read_text(encoding="utf-8"))
    assert keys["Exec"] == str(Path(sys.executable).parent / "studiodesk")
