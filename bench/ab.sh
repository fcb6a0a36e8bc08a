#!/usr/bin/env bash
# A/B measurement of builds on a busy machine: runs each variant in turn, RUNS rounds
# (alternating, so a change in the machine's load hits every variant alike), and prints
# the median and range of CPU time (user + system), peak RSS and wall time per variant.
# CPU time and RSS are what to compare when other work shares the machine; wall time
# only on a quiet one.
#
#   bench/ab.sh [--runs N] SITE_ROOT 'label=command' ... [-- build args]
#
# A command is run with `--root SITE_ROOT build <build args>` appended, e.g.
#   bench/ab.sh target/bench/shanshui-10000 \
#     'huge pages off=target/release/shanshui' \
#     'huge pages on=env SHANSHUI_THP=1 target/release/shanshui'
#   bench/ab.sh --runs 7 target/bench/shanshui-1000 'before=/tmp/old-shanshui' 'after=target/release/shanshui'
# (`SHANSHUI_THP=1` keeps transparent huge pages on; see README, Performance.)
# Each build writes to its own folder under target/bench/ab/, warmed up once first; the
# build's cache is removed before each run, so every run is a full build.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5
if [ "${1:-}" = --runs ]; then
  runs=$2
  shift 2
fi
[ $# -ge 2 ] || { sed -n '2,17p' "$0" >&2; exit 2; }
root=$1
shift
variants=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do
  variants+=("$1")
  shift
done
[ "${1:-}" = -- ] && shift
build_args=("$@")
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
work=target/bench/ab
mkdir -p "$work"

# run <k> <command>: one build of variant k; appends "cpu rss wall" to its results.
run() {
  local k=$1 command=$2
  # A full build each time: without its cache, a build cannot keep pages from the last.
  rm -rf "$work/.site-$k.cache"
  # shellcheck disable=SC2086 # the command is words: env assignments, binary, flags
  /usr/bin/time -f "%U %S %M %e" -o "$work/time.txt" $command --root "$root" build \
    --out "$work/site-$k" "${build_args[@]}" >"$work/log.txt" 2>&1 \
    || { echo "failed: $command" >&2; cat "$work/log.txt" >&2; exit 1; }
  awk '{printf "%.2f %d %.2f\n", $1 + $2, $3 / 1024, $4}' "$work/time.txt" >>"$work/runs-$k.txt"
}

for k in "${!variants[@]}"; do
  : >"$work/runs-$k.txt"
  run "$k" "${variants[$k]#*=}"  # warm-up: page cache, the output folder's first build
  : >"$work/runs-$k.txt"
done
for round in $(seq "$runs"); do
  for k in "${!variants[@]}"; do
    run "$k" "${variants[$k]#*=}"
  done
  echo "round $round of $runs done" >&2
done

# median <file> <column>: the median of a column (the lower middle for an even count).
median() { cut -d' ' -f"$2" "$1" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
range() { cut -d' ' -f"$2" "$1" | sort -n | awk 'NR == 1 {lo = $1} {hi = $1} END {print lo "–" hi}'; }

echo "Site: $root, build ${build_args[*]:-(default)}; $runs alternating runs each, medians (range)"
echo
echo "| variant | CPU (user + sys) | peak RSS | wall |"
echo "| --- | ---: | ---: | ---: |"
for k in "${!variants[@]}"; do
  f="$work/runs-$k.txt"
  printf '| %s | %s s (%s) | %s MB (%s) | %s s (%s) |\n' "${variants[$k]%%=*}" \
    "$(median "$f" 1)" "$(range "$f" 1)" "$(median "$f" 2)" "$(range "$f" 2)" \
    "$(median "$f" 3)" "$(range "$f" 3)"
done
