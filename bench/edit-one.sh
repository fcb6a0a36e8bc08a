#!/usr/bin/env bash
# A rebuild after one edited article: the time `build` takes when one article's Chinese
# text changed since the last build (the case issue 26 asks to bring to about a second
# at 10,000 articles), and whether its output equals a clean build's.
#
#   bench/edit-one.sh [N]            default N = 10000
#   BENCH_RUNS=5 bench/edit-one.sh 1000
#   BENCH_PROFILE=debug bench/edit-one.sh 30   (only to see that it works)
#
# Writes the corpus (examples/corpus.rs) to target/bench/edit-N/, builds it once, then
# BENCH_RUNS times (default 3) appends a sentence to one article (a different one each
# time) and times `build` in the same project (so whatever the build keeps between runs
# is used). Prints each run (with the build's own line: pages rendered anew and the time
# of each stage) and the median wall time, CPU time and peak RSS; then builds
# the last state afresh into another folder and compares the two outputs with `diff -r`
# (exit 1 if they differ).
#
# Before the timed runs, two edits are built and printed as warm-up, as bench/run.sh warms
# a full build up: a portal's first two rebuilds each find no staging folder to update
# (`.site.staging` is the build before `.site.previous`, and a first build leaves
# neither), so each makes one, a folder and a link for every file of the site. From the
# third build on, every build updates the folder of the build before last. (Numbered
# runs count on from the warm-ups: they edit other articles.)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
runs=${BENCH_RUNS:-3}
profile=${BENCH_PROFILE:-release}
work=target/bench
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
if [ "$profile" = release ]; then
  cargo build --release --quiet --bin shanshui --example corpus
else
  cargo build --quiet --bin shanshui --example corpus
fi
bin=target/$profile/shanshui
root=$work/edit-$n
rm -rf "$root" "$root-clean"
mkdir -p "$work"
target/$profile/examples/corpus --articles "$n" --out "$root" >/dev/null
"$bin" --root "$root" build >/dev/null

mapfile -t articles < <(find "$root/content/articles" -name '*.zh.md' | sort)
# edit_and_build <number> <label>: appends a sentence to an article, builds, prints the run.
edit_and_build() {
  local i=$1 article=${articles[$(( ($1 * 7919) % ${#articles[@]} ))]}
  printf '\n补充说明第%d次：监测数据已更新。\n' "$i" >>"$article"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$bin" --root "$root" build >"$work/log.txt" 2>&1 \
    || { echo "build failed:" >&2; cat "$work/log.txt" >&2; exit 1; }
  read -r wall user sys rss <"$work/time.txt"
  cpu=$(awk "BEGIN {print $user + $sys}")
  echo "$2 $i: $(basename "$article"): wall $wall s, CPU $cpu s, peak RSS $((rss / 1024)) MB"
  echo "  $(tail -1 "$work/log.txt")"
}
for i in 1 2; do edit_and_build "$i" "warm-up (makes a staging folder)"; done
results=()
for i in $(seq 3 $((runs + 2))); do
  edit_and_build "$i" run
  results+=("$wall $cpu $((rss / 1024))")
done
read -r wall cpu rss < <(printf '%s\n' "${results[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
echo "median of $runs at $n articles: wall $wall s, CPU $cpu s, peak RSS $rss MB"

"$bin" --root "$root" build --out "$root-clean" >/dev/null 2>"$work/log.txt" \
  || { echo "clean build failed:" >&2; cat "$work/log.txt" >&2; exit 1; }
if diff -r -q -x .shanshui-output "$root/site" "$root-clean" >"$work/diff.txt"; then
  echo "output after the edits: identical to a clean build"
else
  echo "output after the edits DIFFERS from a clean build:" >&2
  head -20 "$work/diff.txt" >&2
  exit 1
fi
