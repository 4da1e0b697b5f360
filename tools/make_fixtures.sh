#!/bin/sh
# make_fixtures.sh - regenerate fixture PDFs (dev-time; see tools/make_fixtures.py).
set -eu
for t in soffice qpdf python3; do
    command -v $t >/dev/null || { echo "make fixtures: needs $t (Debian: libreoffice-writer-nogui fonts-noto-cjk qpdf python3)" >&2; exit 2; }
done
python3 tools/make_fixtures.py
exec python3 tools/make_tables.py
