#!/bin/sh
# deps.sh - install the Debian packages budgetlint needs, skipping what is already
# there. Runs apt-get as root (or through sudo).
set -eu
# deps.sh [build|test] - build: what building and running budgetlint need (make demo);
# test (the default): also what the tests use (make check)
MODE=${1:-test}
PKGS="build-essential pkg-config gettext libpoppler-glib-dev libpcre2-dev libcjson-dev libsqlite3-dev libxlsxwriter-dev libopencc-dev libopencc-data poppler-data libzip-dev libxml2-dev libtesseract-dev tesseract-ocr-chi-sim tesseract-ocr-eng tesseract-ocr-script-hans"
if [ "$MODE" = test ]; then
    PKGS="$PKGS sqlite3 poppler-utils python3-openpyxl python3-jsonschema python3-yaml qpdf groff-base"
    # clang runs the fuzz smoke run (the nzh answers and the SARIF schema are recorded in tests/:
    # make check needs no network once these are installed)
    command -v clang >/dev/null 2>&1 || PKGS="$PKGS clang"
    # the HTML report is tested in a headless browser
    command -v chromium >/dev/null 2>&1 || PKGS="$PKGS chromium"
    # damaged scans for the OCR tests (tools/scan.py --damage)
    command -v convert >/dev/null 2>&1 || PKGS="$PKGS imagemagick"
fi
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "budgetlint: installing:$missing" >&2
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >&2
$SUDO apt-get install -y -q --no-install-recommends $missing >&2
