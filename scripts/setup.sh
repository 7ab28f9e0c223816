#!/usr/bin/env bash
# One-command set-up for a fresh Debian 12 / Ubuntu machine (root or sudo, Python 3.11+).
#   bash scripts/setup.sh demo   installs everything and starts `parcelproof --demo`
#   bash scripts/setup.sh test   installs what the tests need and runs the whole suite
set -euo pipefail
mode="${1:-demo}"
shift || true
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Debian packages: Qt's xcb platform libraries (libpulse0 for QtMultimedia's sounds), CJK fonts for labels and screens, Python venv.
base_pkgs=(python3 python3-venv python3-pip fonts-wqy-zenhei fontconfig
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  libdbus-1-3 libfontconfig1 cups-client poppler-utils libpulse0)
# Tests also need: a virtual screen and key typing, pty pairs, PDF rendering, a real PostgreSQL
# and a CUPS scheduler (the tests start their own, on a private socket) with a cups-pdf queue.
test_pkgs=(xvfb xdotool socat poppler-utils postgresql cups-daemon cups-client cups-filters
  printer-driver-cups-pdf)

pkgs=("${base_pkgs[@]}")
if [ "$mode" = "test" ]; then pkgs+=("${test_pkgs[@]}"); fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
if [ "$mode" = "test" ]; then
  .venv/bin/python -m pip install -q -e ".[test]"
else
  .venv/bin/python -m pip install -q -e .
fi
.venv/bin/python -m app.i18n_build

case "$mode" in
  demo)
    exec .venv/bin/parcelproof --demo "$@"
    ;;
  test)
    # the suite starts its own CUPS scheduler; with the packages installed here, a missing
    # cupsd is a failure, not a skip
    export PARCELPROOF_REQUIRE_CUPS=1
    .venv/bin/ruff check app benchstats devices platforms printing tests
    .venv/bin/lint-imports
    exec .venv/bin/python -m pytest "$@"
    ;;
  *)
    echo "usage: bash scripts/setup.sh demo|test" >&2
    exit 2
    ;;
esac
