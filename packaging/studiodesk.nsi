; StudioDesk's Windows installer (NSIS 3): installs the one-folder bundle built by
; packaging/studiodesk.spec on Windows into Program Files\StudioDesk, with a Start-menu shortcut,
; an optional desktop shortcut and an uninstaller (Apps & features lists it).
;
; UNTESTED ON WINDOWS: CI only compiles this script on Linux (Debian's nsis) against a stand-in
; folder, to keep it free of syntax and path errors; no installer built from it has been run.
;
; On Windows, after the bundle is built (see the top of packaging/studiodesk.spec):
;     makensis packaging\studiodesk.nsi          -> dist\StudioDesk-0.1.0-setup.exe
; Defines (makensis -DNAME=VALUE): BUNDLE_DIR (the bundle's folder, default ..\dist\StudioDesk),
; OUTFILE (the installer to write), VERSION.
; The studio's data (database, backups, logs) lives in the user's folders, never in Program Files:
; the uninstaller leaves it where it is.

Unicode true
!include "MUI2.nsh"

!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef BUNDLE_DIR
  !define BUNDLE_DIR "..\dist\StudioDesk"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\dist\StudioDesk-${VERSION}-setup.exe"
!endif
!define APP "StudioDesk"
!define EXE "studiodesk.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP}"
InstallDirRegKey HKLM "Software\${APP}" "InstallDir"
RequestExecutionLevel admin
SetCompressor /SOLID lzma

!define MUI_ICON "..\resources\icons\studiodesk.ico"
!define MUI_UNICON "..\resources\icons\studiodesk.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

Section "StudioDesk" SecApp
  SectionIn RO
  SetShellVarContext all
  SetOutPath "$INSTDIR"
  ; An update replaces the whole program folder: no file of an older version stays behind.
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE_DIR}\*.*"
  File "..\resources\icons\studiodesk.ico"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortcut "$SMPROGRAMS\${APP}\${APP}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\studiodesk.ico"
  CreateShortcut "$SMPROGRAMS\${APP}\${APP} demo.lnk" "$INSTDIR\${EXE}" "--demo" "$INSTDIR\studiodesk.ico"
  CreateShortcut "$SMPROGRAMS\${APP}\Uninstall ${APP}.lnk" "$INSTDIR\uninstall.exe"
  WriteRegStr HKLM "Software\${APP}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\studiodesk.ico"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

LangString DESKTOP_SHORTCUT ${LANG_SIMPCHINESE} "桌面快捷方式"
LangString DESKTOP_SHORTCUT ${LANG_ENGLISH} "Desktop shortcut"

Section /o "$(DESKTOP_SHORTCUT)" SecDesktop
  SetShellVarContext all
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\studiodesk.ico"
SectionEnd

Section "Uninstall"
  SetShellVarContext all
  Delete "$DESKTOP\${APP}.lnk"
  RMDir /r "$SMPROGRAMS\${APP}"
  ; Only the program folder: the studio's database, backups and logs are in the users' folders.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\studiodesk.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  DeleteRegKey HKLM "Software\${APP}"
SectionEnd
