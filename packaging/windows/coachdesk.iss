; Inno Setup 6 script: the Windows installer of CoachDesk (x64).
;
; Build on Windows, from the repository root, after PyInstaller made dist\CoachDesk:
;
;   pyinstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\coachdesk.spec
;   iscc /DAppVersion=0.1.0 packaging\windows\coachdesk.iss
;
; AppVersion is required and must be pyproject.toml's version (packaging/README.md
; shows how to read it), so the number lives in one place. Output:
; dist\CoachDesk-<version>-windows-x64-setup.exe.
;
; The installer is per-user by default (no administrator rights; {autopf} is then
; %LOCALAPPDATA%\Programs) and can install for all users when run as administrator.
; Uninstalling removes the program only: the coach's vault (%LOCALAPPDATA%\CoachDesk)
; and backups are never touched.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\coachdesk.iss
#endif
#ifndef AppSourceDir
  #define AppSourceDir "..\..\dist\CoachDesk"
#endif
#ifndef IconFile
  ; Written by packaging\coachdesk.spec (make_icons.py) into PyInstaller's work folder.
  #define IconFile "..\..\build\pyinstaller\coachdesk\coachdesk.ico"
#endif
#define AppName "CoachDesk"
#define AppExe "CoachDesk.exe"

[Setup]
; Never change AppId: Windows uses it to recognise upgrades of the same app.
AppId={{1A6EA1E0-1DE2-490A-B55E-969C0601D06C}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=CoachDesk
AppCopyright=Copyright (c) CoachDesk. All rights reserved.
VersionInfoProductName={#AppName}
VersionInfoProductTextVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 needs Windows 10 1809 or newer.
MinVersion=10.0.17763
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-windows-x64-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
ChangesEnvironment=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the bundle whole, so no library of an older version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; CoachDesk.exe (the app), coachdesk-cli.exe (command line, --self-test) and _internal\.
Source: "{#AppSourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Encrypted, offline workspace for executive coaches"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the installer put there; the vault lives elsewhere and stays.
Type: filesandordirs; Name: "{app}\_internal"
