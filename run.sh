#!/usr/bin/env bash
# Set up presskit on a fresh Debian machine, then build the default pack or run the tests.
#
#   ./run.sh build [presskit build options]   build the pack into output/
#   ./run.sh test  [pytest options]           run the test suite
#   ./run.sh bench                            speed and size figures (benchmarks/run.py)
#   ./run.sh presskit ARGS...                 any other presskit command
#
# Installs, when missing: the Debian fonts and libraries presskit renders with (needs
# root or sudo), and a virtual environment .venv/ holding presskit and its dependencies.
set -euo pipefail
cd "$(dirname "$0")"

DEBIAN_PACKAGES=(
  fonts-noto-core fonts-noto-cjk fonts-dejavu-core   # the faces presskit names
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0  # WeasyPrint's text stack
  fontconfig poppler-utils qpdf gettext unzip         # fc-match, pdftotext, qpdf, msgfmt, zipinfo
  libreoffice-writer-nogui                            # the tests open every DOCX in LibreOffice
  chromium chromium-driver                            # presskit serve's test, in a real browser
  strace                                              # the benchmark counts the fonts opened
)

missing_packages() {
  local pkg
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
  done
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_system() {
  local missing
  missing=$(missing_packages)
  [ -z "$missing" ] && return 0
  echo "run.sh: installing Debian packages: $(echo $missing)" >&2
  as_root apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

install_python() {
  local python=${PYTHON:-python3}
  if [ ! -x .venv/bin/python ]; then
    if ! "$python" -m venv .venv 2>/dev/null; then
      rm -rf .venv
      DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq python3-venv >/dev/null
      "$python" -m venv .venv
    fi
  fi
  # Reinstall only when the project's dependencies change.
  local stamp=.venv/.presskit-installed
  local wanted
  wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    echo "run.sh: installing presskit into .venv/" >&2
    .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
    .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
    echo "$wanted" > "$stamp"
  fi
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
  build)    install_system; install_python; exec .venv/bin/presskit build "$@" ;;
  test)     install_system; install_python; exec .venv/bin/python -m pytest "$@" ;;
  bench)    install_system; install_python; exec .venv/bin/python benchmarks/run.py "$@" ;;
  presskit) install_system; install_python; exec .venv/bin/presskit "$@" ;;
  *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
