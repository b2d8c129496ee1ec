"""The Linux desktop entry: ``studiodesk --install-desktop-entry`` puts StudioDesk in the
applications menu of this user (``$XDG_DATA_HOME/applications/studiodesk.desktop``, by default
under ~/.local/share) with its icon (``icons/hicolor/256x256/apps/studiodesk.png``), starting
the program it was run from: the bundle's ``studiodesk``, or the one in the virtual environment.

Each file is written beside its final name and renamed into place, so a menu never reads half a
file. ``packaging/studiodesk.desktop`` is the same entry for a program on the PATH (tests check
that the two agree).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICON_NAME = "studiodesk"
ICON = Path(__file__).resolve().parents[1] / "resources" / "icons" / "studiodesk.png"
_RESERVED = set(' \t\n"\'\\><~|&;$*?#()`')


def exec_quoted(program: str) -> str:
    """A program path as the Exec key of a desktop entry takes it (Desktop Entry Specification:
    quoted when it holds a reserved character, then escaped as a string value; a literal
    percent sign is written %%, as a single one starts a field code)."""
    program = program.replace("%", "%%")
    if not _RESERVED & set(program):
        return program
    inner = "".join("\\" + c if c in '"`$\\' else c for c in program)
    return '"' + inner.replace("\\", "\\\\") + '"'


def string_value(text: str) -> str:
    """A string value of a desktop entry (backslash, newline and tab escaped)."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def entry_text(program: str) -> str:
    run = exec_quoted(program)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Version=1.4\n"
        "Name=StudioDesk\n"
        "Name[zh_CN]=StudioDesk 影楼前台\n"
        "GenericName=Photo studio front desk\n"
        "GenericName[zh_CN]=影楼前台管理\n"
        "Comment=Orders, item tracking and pickup for photo studios\n"
        "Comment[zh_CN]=开单、客件跟踪与取件\n"
        f"Exec={run}\n"
        f"TryExec={string_value(program)}\n"
        f"Icon={ICON_NAME}\n"
        "Terminal=false\n"
        "Categories=Office;\n"
        "Keywords=photo;studio;orders;barcode;pickup;影楼;取件;\n"
        "StartupNotify=true\n"
        "Actions=demo;\n"
        "\n"
        "[Desktop Action demo]\n"
        "Name=Demo studio\n"
        "Name[zh_CN]=示范影楼\n"
        f"Exec={run} --demo\n"
    )


def this_program() -> Path:
    """The studiodesk program now running: the bundle itself, or the launcher beside the Python
    of the virtual environment."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve()
    beside = Path(sys.executable).parent / "studiodesk"
    if beside.is_file():
        return beside.absolute()
    raise FileNotFoundError(f"no studiodesk program beside {sys.executable}: install StudioDesk first")


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)


def install(program: Path | None = None, home: Path | None = None) -> list[Path]:
    """Write the desktop entry and its icon; returns both paths."""
    program = program or this_program()
    home = home or data_home()
    entry = home / "applications" / "studiodesk.desktop"
    icon = home / "icons" / "hicolor" / "256x256" / "apps" / f"{ICON_NAME}.png"
    _write(icon, ICON.read_bytes())
    _write(entry, entry_text(str(program)).encode("utf-8"))
    entry.chmod(0o755)  # some desktops trust only an executable launcher
    return [entry, icon]
