#!/usr/bin/env bash
# Make the macOS disk image of CoachDesk from dist/CoachDesk.app (built on a Mac by
# packaging/coachdesk.spec):
#
#   pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller \
#       packaging/coachdesk.spec
#   packaging/macos/make_dmg.sh
#
# Output: dist/CoachDesk-<version>-macos-<arch>.dmg, a compressed read-only image with the
# app and a link to /Applications, checked with 'hdiutil verify'. The version is read
# from the bundle's Info.plist, which the spec filled in from pyproject.toml.
#
# Optional, for distribution outside the Mac App Store:
#   CODESIGN_IDENTITY="Developer ID Application: …"  signs the image (the app itself is
#       signed by PyInstaller when COACHDESK_CODESIGN_IDENTITY is set for the build);
#   NOTARY_PROFILE=name  notarizes and staples it (a profile stored beforehand with
#       'xcrun notarytool store-credentials').
set -euo pipefail

cd "$(dirname "$0")/../.."
APP="dist/CoachDesk.app"
if [[ ! -d "$APP" ]]; then
    echo "make_dmg.sh: $APP not found; build it with PyInstaller first" >&2
    exit 1
fi

VERSION=$(/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$APP/Contents/Info.plist")
ARCH=$(lipo -archs "$APP/Contents/MacOS/CoachDesk" | tr ' ' '-')
DMG="dist/CoachDesk-${VERSION}-macos-${ARCH}.dmg"

# Refuse a bundle that does not work: the frozen self-test, on Qt's offscreen platform.
QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/CoachDesk" --self-test

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
ditto "$APP" "$STAGE/CoachDesk.app"
ln -s /Applications "$STAGE/Applications"

rm -f "$DMG"
hdiutil create -volname "CoachDesk ${VERSION}" -srcfolder "$STAGE" -fs HFS+ \
    -format UDZO -imagekey zlib-level=9 -ov "$DMG"

if [[ -n "${CODESIGN_IDENTITY:-}" ]]; then
    codesign --force --timestamp --sign "$CODESIGN_IDENTITY" "$DMG"
fi
if [[ -n "${NOTARY_PROFILE:-}" ]]; then
    xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
    xcrun stapler staple "$DMG"
fi

hdiutil verify "$DMG"
echo "Wrote $DMG ($(du -h "$DMG" | cut -f1))"
