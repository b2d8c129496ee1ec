"""The one-folder bundle (issue 19): the trace check that proves it runs without Python in
sight, and the hidden smoke run it is started with (scripts/bundle_smoke.sh)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from app import main as app_main
from app import smoke

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = "/build/dist/StudioDesk"
FORBID = ["/build/.venv", "/build/app", "/usr/lib/python3*", "/usr/local/lib/python3*", "/opt/py3.11"]


def _checker():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("check_bundle_trace", ROOT / "scripts" / "check_bundle_trace.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CLEAN = [
    f'101 execve("{BUNDLE}/studiodesk", ["{BUNDLE}/studiodesk", "--demo", "--smoke-test"], 0x7ffd /* 3 vars */) = 0',
    f'101 openat(AT_FDCWD, "{BUNDLE}/_internal/libpython3.11.so.1.0", O_RDONLY|O_CLOEXEC) = 3',
    f'101 openat(AT_FDCWD, "{BUNDLE}/_internal/base_library.zip", O_RDONLY|O_CLOEXEC) = 3',
    f'101 newfstatat(AT_FDCWD, "{BUNDLE}/_internal/app/migrations/env.py", {{st_mode=S_IFREG|0644}}, 0) = 0',
    '101 openat(AT_FDCWD, "/lib/x86_64-linux-gnu/libc.so.6", O_RDONLY|O_CLOEXEC) = 3',
    '102 openat(AT_FDCWD, "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", O_RDONLY) = 9',
    '102 openat(AT_FDCWD, "/home/x/.local/share/StudioDesk/demo/demo-studio.db", O_RDWR|O_CREAT, 0644) = 10',
]


def test_a_trace_of_only_the_bundle_and_system_libraries_passes(tmp_path):
    trace = tmp_path / "trace"
    trace.write_text("\n".join(CLEAN) + "\n", encoding="utf-8")
    forbid = [a for p in FORBID for a in ("--forbid", p)]
    assert _checker().main([str(trace), "--bundle", BUNDLE, *forbid]) == 0


@pytest.mark.parametrize("line", [
    '101 openat(AT_FDCWD, "/usr/lib/python3.11/encodings/__init__.py", O_RDONLY|O_CLOEXEC) = 3',
    '101 openat(AT_FDCWD, "/usr/local/lib/python3.11/os.py", O_RDONLY) = -1 ENOENT (No such file or directory)',
    '101 newfstatat(AT_FDCWD, "/usr/lib/python3/dist-packages", 0x7ffc, 0) = -1 ENOENT (No such file or directory)',
    '101 openat(AT_FDCWD, "/build/.venv/lib/python3.11/site-packages/sqlalchemy/__init__.py", O_RDONLY) = 3',
    '101 openat(AT_FDCWD, "/build/app/services/database.py", O_RDONLY) = 3',
    f'101 openat(AT_FDCWD, "{BUNDLE}/_internal/../../../app/models/db.py", O_RDONLY) = 3',
    '101 openat(AT_FDCWD, "/opt/py3.11/lib/glibc-hwcaps/x86-64-v3/libm.so.6", O_RDONLY) = -1 ENOENT (No such file)',
    '101 execve("/usr/local/lib/python3.11/bin/python3", ["python3"], 0x7ffd /* 3 vars */) = 0',
])
def test_a_trace_that_touches_a_python_installation_the_venv_or_the_source_tree_fails(tmp_path, line):
    trace = tmp_path / "trace"
    trace.write_text("\n".join([*CLEAN, line]) + "\n", encoding="utf-8")
    forbid = [a for p in FORBID for a in ("--forbid", p)]
    checker = _checker()
    assert checker.main([str(trace), "--bundle", BUNDLE, *forbid]) == 1
    assert checker.foreign_lines([*CLEAN, line], FORBID) == [line]


def test_a_folder_is_refused_as_a_whole_word_not_as_a_prefix_of_its_neighbours():
    checker = _checker()
    assert not checker.foreign_lines(['1 openat(AT_FDCWD, "/build/application.txt", O_RDONLY) = 3',
                                      '1 openat(AT_FDCWD, "/build/.venv2/x", O_RDONLY) = 3'], FORBID)


def test_a_trace_that_never_opened_the_bundle_fails(tmp_path):
    trace = tmp_path / "trace"
    trace.write_text('1 openat(AT_FDCWD, "/lib/x86_64-linux-gnu/libc.so.6", O_RDONLY) = 3\n'
                     f'1 openat(AT_FDCWD, "{BUNDLE}/_internal/libpython3.11.so.1.0", O_RDONLY) = -1 ENOENT (No)\n',
                     encoding="utf-8")
    assert _checker().main([str(trace), "--bundle", BUNDLE, "--forbid", "/usr/lib/python3*"]) == 1


def test_the_smoke_run_is_hidden_from_help_and_refused_without_the_demo(capsys):
    with pytest.raises(SystemExit) as refused:
        app_main.parse_args([smoke.FLAG])
    assert refused.value.code == 2
    assert "--demo" in capsys.readouterr().err
    assert app_main.parse_args(["--demo", smoke.FLAG]).smoke_test
    assert not app_main.parse_args(["--demo"]).smoke_test
    helped = subprocess.run([sys.executable, "-m", "app.main", "--help"], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert helped.returncode == 0 and smoke.FLAG not in helped.stdout


def test_the_smoke_runs_check_of_later_loaded_parts_finds_nothing_missing_in_the_source_tree(qapp):
    assert smoke.missing_parts() == []


def test_the_smoke_runs_check_names_a_missing_part(qapp, monkeypatch):
    monkeypatch.setattr(smoke, "LATER_IMPORTS", ("app.no_such_module",))
    assert [p for p in smoke.missing_parts() if "app.no_such_module" in p]
