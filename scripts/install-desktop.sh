#!/usr/bin/env bash
# Install Parcelproof's menu entry and icon for the current user (no root needed):
#   bash scripts/install-desktop.sh            # install
#   bash scripts/install-desktop.sh --remove   # take them away again
# The menu entry runs `parcelproof`; when it is not on PATH, the entry points at this
# checkout's .venv/bin/parcelproof instead.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
apps="$data/applications"
icons="$data/icons/hicolor"
desktop="$apps/parcelproof.desktop"

if [[ "${1:-}" == "--remove" ]]; then
    rm -f "$desktop" "$icons/scalable/apps/parcelproof.svg" "$icons/256x256/apps/parcelproof.png"
    echo "removed $desktop and the icons"
else
    install -d "$apps" "$icons/scalable/apps" "$icons/256x256/apps"
    install -m 644 "$here/resources/icons/parcelproof.svg" "$icons/scalable/apps/parcelproof.svg"
    install -m 644 "$here/resources/icons/parcelproof.png" "$icons/256x256/apps/parcelproof.png"
    exe="parcelproof"
    if ! command -v parcelproof >/dev/null 2>&1 && [[ -x "$here/.venv/bin/parcelproof" ]]; then
        exe="$here/.venv/bin/parcelproof"
    fi
    # Exec/TryExec take the full path when the program is not on PATH
    sed -e "s|^Exec=parcelproof|Exec=$exe|" -e "s|^TryExec=parcelproof|TryExec=$exe|" \
        "$here/resources/linux/parcelproof.desktop" >"$desktop"
    chmod 644 "$desktop"
    echo "installed $desktop (runs $exe)"
fi

# refresh the menus and icon caches where the tools exist; none of them is required
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" || true

if [[ "${1:-}" != "--remove" && "$(id -u)" != 0 ]] && ! id -nG | tr ' ' '\n' | grep -qx dialout; then
    echo "note: $(id -un) is not in the dialout group, so serial scales and scanners will be refused."
    echo "      sudo usermod -aG dialout $(id -un)   (then log out and log in again)"
    echo "      or install resources/linux/99-parcelproof-serial.rules (see the file)"
fi
