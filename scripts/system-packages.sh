#!/usr/bin/env bash
# The Debian packages the test suite needs, installed when missing (as root), or named with the
# command to install them (otherwise). Called by `make test`; `.ci/run` only calls `make test`.
#
#   postgresql      the concurrency and lock tests start their own server
#   poppler-utils   pdftotext reads back the text of the generated PDFs
#   chromium        the browser tests (Playwright drives Debian's Chromium, no browser download)
#   npm             installs axe-core for the accessibility tests (tests/e2e/package-lock.json)
#   fonts-liberation  the fonts Chromium renders the pages with
#   redis-server    the shared cache of the two-node test (tests/test_several_nodes.py)
#   openjdk-17-jdk-headless, maven  a real OpenSearch node (scripts/opensearch_cluster.py)
set -euo pipefail

missing=()
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(npm)
[ -d /usr/share/fonts/truetype/liberation ] || missing+=(fonts-liberation)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
{ [ -n "${JAVA_HOME:-}" ] || command -v java >/dev/null 2>&1; } || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need: ${missing[*]} (Debian package names); install them with your system's package manager." >&2
  exit 1
fi
if [ "$(id -u)" != 0 ]; then
  echo "The tests need these Debian packages: ${missing[*]}" >&2
  echo "Install them once with: sudo apt-get install -y ${missing[*]}" >&2
  echo "(make test installs them itself when run as root.)" >&2
  exit 1
fi
echo "== Installing ${missing[*]} (apt-get)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
