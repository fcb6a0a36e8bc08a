#!/usr/bin/env bash
# Runs every test of shanshui. Installs what the tests need on a fresh machine first.
set -euo pipefail
cd "$(dirname "$0")"

# Format and lints first: cheap, and they fail fast.
rustup component list --installed 2>/dev/null | grep -q rustfmt || rustup component add rustfmt clippy
cargo fmt --all -- --check
cargo clippy --locked --all-targets -- -D warnings

cargo test --locked
