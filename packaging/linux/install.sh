#!/bin/sh
# Install CoachDesk for the current user (no root needed), from the unpacked tarball:
#
#   ./install.sh               install or upgrade into ~/.local
#   ./install.sh --uninstall   remove the app (your vault and backups are NOT touched)
#
# PREFIX=/some/where ./install.sh installs elsewhere (default: ~/.local).
#
# Layout: the app in $PREFIX/lib/coachdesk, the command $PREFIX/bin/coachdesk, the menu
# entry, icons and AppStream data under $PREFIX/share. The vault lives apart, in
# ~/.local/share/CoachDesk (or $COACHDESK_VAULT), and is never removed by this script.
set -eu

APP_ID=io.coachdesk.CoachDesk
PREFIX=${PREFIX:-"$HOME/.local"}
HERE=$(cd "$(dirname "$0")" && pwd)
LIB="$PREFIX/lib/coachdesk"
BIN="$PREFIX/bin"
SHARE="$PREFIX/share"

refresh_caches() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$SHARE/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t -f "$SHARE/icons/hicolor" 2>/dev/null || true
    fi
}

uninstall() {
    case "$LIB" in
        */lib/coachdesk) rm -rf "$LIB" ;;
        *) echo "install.sh: refusing to remove $LIB" >&2; exit 1 ;;
    esac
    rm -f "$BIN/coachdesk" "$SHARE/applications/$APP_ID.desktop" \
        "$SHARE/metainfo/$APP_ID.metainfo.xml"
    find "$SHARE/icons/hicolor" -path "*/apps/$APP_ID.*" -type f -exec rm -f {} + \
        2>/dev/null || true
    refresh_caches
    echo "CoachDesk removed from $PREFIX. Your vault and backups were not touched."
}

install_app() {
    if [ ! -x "$HERE/CoachDesk/coachdesk" ]; then
        echo "install.sh: run me from the unpacked CoachDesk folder" >&2
        exit 1
    fi
    mkdir -p "$PREFIX/lib" "$BIN" "$SHARE/applications" "$SHARE/metainfo" "$SHARE/icons"
    # Upgrade: replace the whole app folder, so no file of an older version lingers.
    rm -rf "$LIB.new"
    cp -a "$HERE/CoachDesk" "$LIB.new"
    rm -rf "$LIB"
    mv "$LIB.new" "$LIB"
    ln -sf "$LIB/coachdesk" "$BIN/coachdesk"
    # The menu entry runs the app by its full path: ~/.local/bin is not always on the
    # PATH of a desktop session.
    sed -e "s|^Exec=coachdesk|Exec=$LIB/coachdesk|" -e "s|^TryExec=coachdesk|TryExec=$LIB/coachdesk|" \
        "$HERE/share/applications/$APP_ID.desktop" >"$SHARE/applications/$APP_ID.desktop"
    cp "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$SHARE/metainfo/"
    cp -R "$HERE/share/icons/hicolor" "$SHARE/icons/"
    refresh_caches
    echo "CoachDesk installed in $LIB."
    echo "Start it from the applications menu, or run: $BIN/coachdesk"
    case ":$PATH:" in
        *":$BIN:"*) ;;
        *) echo "(Add $BIN to your PATH to run 'coachdesk' by name.)" ;;
    esac
}

case "${1:-}" in
    "") install_app ;;
    --uninstall) uninstall ;;
    -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' ;;
    *) echo "usage: $0 [--uninstall]" >&2; exit 2 ;;
esac
