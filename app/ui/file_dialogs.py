"""File dialogs that never touch the live database.

On POSIX, closing *any* handle a process has on a file drops all of that process's SQLite
locks on it. Qt's file dialog opens every file it lists to guess its type (the database, its
-wal and -shm among them) and closes it again: the program loses its locks, the next program
that reads the database deletes the -wal, and later commits go to a deleted file. So every
file dialog here

- starts outside the database's folder (the last folder used, else Documents, else home;
  the database's folder is never remembered),
- is Qt's own dialog (not the platform's, whose thumbnails and previews read files) with an
  icon provider that names and draws entries from their names alone.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QFileInfo, QSettings, QStandardPaths
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QFileDialog, QWidget

LAST_FOLDER_KEY = "files/last_folder"


class NameOnlyIconProvider(QAbstractFileIconProvider):
    """Generic icons and type names taken from the file name: never opens a file (the
    default provider asks QMimeDatabase, which reads the file's first bytes)."""

    def __init__(self) -> None:
        super().__init__()
        self.setOptions(QAbstractFileIconProvider.Option.DontUseCustomDirectoryIcons)

    def icon(self, what: object) -> QIcon:  # type: ignore[override]
        if isinstance(what, QFileInfo):
            kind = (QAbstractFileIconProvider.IconType.Folder if what.isDir()
                    else QAbstractFileIconProvider.IconType.File)
            return super().icon(kind)
        return super().icon(what)  # type: ignore[call-overload]

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return QCoreApplication.translate("file_dialogs", "Folder")
        suffix = info.suffix()
        if suffix:
            return QCoreApplication.translate("file_dialogs", "{suffix} file").format(suffix=suffix.upper())
        return QCoreApplication.translate("file_dialogs", "File")


_ICONS: NameOnlyIconProvider | None = None


def icon_provider() -> NameOnlyIconProvider:
    global _ICONS
    if _ICONS is None:  # one for the whole run: a dialog does not own its provider
        _ICONS = NameOnlyIconProvider()
    return _ICONS


def _inside(folder: Path, database: Path | None) -> bool:
    if database is None:
        return False
    db_folder = database.resolve().parent
    folder = folder.resolve()
    return folder == db_folder or db_folder in folder.parents


def start_folder(database: Path | None) -> Path:
    """Where a file dialog opens: the last folder used, else Documents, else home, but never
    the folder that holds ``database`` (or one inside it)."""
    remembered = str(QSettings().value(LAST_FOLDER_KEY, "") or "")
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    candidates = [Path(p) for p in (remembered, documents) if p] + [Path.home()]
    for folder in candidates:
        if folder.is_dir() and not _inside(folder, database):
            return folder
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.TempLocation) or "/")


def save_dialog(parent: QWidget | None, title: str, suggested: str, name_filter: str,
                database: Path | None) -> QFileDialog:
    """A "save as" dialog (Qt's own, name-only icons) starting outside ``database``'s folder."""
    folder = start_folder(database)
    dialog = QFileDialog(parent, title, str(folder), name_filter)
    dialog.setOptions(QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.DontUseCustomDirectoryIcons)
    dialog.setIconProvider(icon_provider())
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.selectFile(str(folder / suggested))
    return dialog


def remember_folder(chosen: Path, database: Path | None) -> None:
    """Remember where a file was saved, for the next dialog (never the database's folder)."""
    folder = chosen.parent
    if not _inside(folder, database):
        QSettings().setValue(LAST_FOLDER_KEY, str(folder))


def save_file_name(parent: QWidget | None, title: str, suggested: str, name_filter: str,
                   database: Path | None) -> Path | None:
    """Ask where to save a file; None when cancelled."""
    dialog = save_dialog(parent, title, suggested, name_filter, database)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    chosen = Path(dialog.selectedFiles()[0])
    remember_folder(chosen, database)
    return chosen
