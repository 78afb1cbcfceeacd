#!/usr/bin/env bash
# Build the documentation site strictly: any warning fails the build, among them a link to a
# page or heading that does not exist, a page missing from the navigation or from docs/, a
# docstring the API reference cannot read, and a docs/codebook.md out of date with the files it
# is generated from. Offline: the theme fetches no fonts, and nothing is downloaded.
#
# Usage: bash docs/build.sh [SITE_DIR]   (default: site/). Needs the docs extra:
#   .venv/bin/pip install -e ".[docs]"
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-.venv/bin/python}"
# Material for MkDocs prints a notice about MkDocs 2 on every build; it is not a warning.
export NO_MKDOCS_2_WARNING=1
"$python" -m mkdocs build --strict --site-dir "${1:-site}"
