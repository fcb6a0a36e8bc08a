#!/usr/bin/env bash
# Doubling: does `build` stay linear in each single input? For each kind of input, the
# demo site is given a size N and then 2N of it, everything else unchanged, and the time
# of `build --no-search` at both sizes is printed with their ratio. Linear work gives a
# ratio near 2 (less where fixed costs weigh); quadratic work near 4.
#
#   bench/doubling.sh [N_ARTICLE_KB N_PLACES N_ARTICLES]    default: 1024 2000 500
#
# The kinds: one article's size (Chinese paragraphs with headings, links, character
# references and bracketed text, N KB), the number of places (N counties in
# cities.yaml), the number of articles (N articles of the benchmark corpus,
# examples/corpus.rs). Uses target/release/shanshui, or BENCH_BIN=<binary>
# (BENCH_PROFILE=debug builds and uses the debug binary). Each build runs BENCH_RUNS
# times (default 3) and the median is kept; work files go to target/bench/doubling/.
set -euo pipefail
cd "$(dirname "$0")/.."
kb=${1:-1024}
places=${2:-2000}
articles=${3:-500}
runs=${BENCH_RUNS:-3}
profile=${BENCH_PROFILE:-release}
if [ -z "${BENCH_BIN:-}" ]; then
  if [ "$profile" = release ]; then
    cargo build --release --quiet --bin shanshui --example corpus
  else
    cargo build --quiet --bin shanshui --example corpus
  fi
fi
bin=${BENCH_BIN:-target/$profile/shanshui}
# The corpus generator of the same profile (BENCH_PROFILE=debug for the debug one).
corpus=target/$profile/examples/corpus
work=target/bench/doubling
rm -rf "$work"
mkdir -p "$work"

# A copy of the demo with one input grown to size $3 of kind $2, in folder $1.
make_site() {
  local dir=$1 kind=$2 n=$3
  case $kind in
    articles)
      "$corpus" --articles "$n" --out "$dir" >/dev/null
      ;;
    *)
      cp -r tests/fixtures/demo "$dir"
      python3 - "$dir" "$kind" "$n" <<'PY'
import sys
root, kind, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
if kind == "article-kb":
    para = ("汾河流域水质持续改善，[监测断面](/cities/jiexiu/)达到Ⅲ类，"
            "&#x6C34;质 [[注](/topics/water/)] 数据见附表。\n\n")
    body, size, i = [], 0, 0
    while size < n * 1024:
        chunk = (f"## 第{i}节\n\n" if i % 20 == 0 else "") + para
        body.append(chunk)
        size += len(chunk.encode())
        i += 1
    with open(f"{root}/content/articles/long.zh.md", "w") as f:
        f.write("---\ntitle: 长文\ndate: 2024-11\ncities: [jiexiu]\ntopics: [water]\n---\n")
        f.write("".join(body))
elif kind == "places":
    with open(f"{root}/content/cities.yaml", "a") as f:
        for i in range(n):
            f.write(f"- {{id: county{i}, zh: 县{i}, en: County {i}, level: county, "
                    f"parent: jinzhong, lat: 37.0, lon: 112.0}}\n")
PY
      ;;
  esac
}

# Median wall time in seconds of `build --no-search` in folder $1.
time_build() {
  local dir=$1 times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s.%N)
    "$bin" --root "$dir" build --no-search >/dev/null 2>"$work/stderr" ||
      { cat "$work/stderr" >&2; exit 1; }
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}

echo "| input doubled | N | time at N | time at 2N | ratio |"
echo "| --- | ---: | ---: | ---: | ---: |"
for spec in "article-kb:$kb:one article's size (KB)" "places:$places:places in cities.yaml" \
  "articles:$articles:articles"; do
  IFS=: read -r kind n label <<<"$spec"
  make_site "$work/$kind-1" "$kind" "$n"
  make_site "$work/$kind-2" "$kind" "$((2 * n))"
  t1=$(time_build "$work/$kind-1")
  t2=$(time_build "$work/$kind-2")
  printf '| %s | %s | %.2f s | %.2f s | %.2f |\n' "$label" "$n" "$t1" "$t2" \
    "$(echo "$t2 / $t1" | bc -l)"
done
