#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for a bounded time each; exits non-zero
# when any target crashes, panics, times out or runs out of memory.
#
#   fuzz/run.sh [seconds] [target...]      default: 60 seconds, every target
#
# Needs cargo-fuzz (installed here when missing). The machine may have only a stable
# toolchain: RUSTC_BOOTSTRAP=1 lets cargo-fuzz's nightly flags (sanitizers) through.
# Corpora grow in fuzz/corpus/<target> (not committed); crashes land in
# fuzz/artifacts/<target>/. Seeds come from the demo fixture, tests/broken and tests/seeds.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1

if [ $# -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo fuzz list)
fi

# Seeds: every article and YAML file the tests hold, and for the loader a few inputs that
# fill several files at once (parts separated by 0xFF bytes; see content_loader.rs).
seed() {
    local target=$1 dir=fuzz/corpus/$1
    mkdir -p "$dir"
    [ -n "$(ls -A "$dir")" ] && return
    case $target in
        frontmatter_split | content_loader | markdown_render)
            find tests/fixtures/demo tests/broken -name '*.md' | while read -r f; do
                cp "$f" "$dir/$(echo "$f" | tr / _)"
            done
            ;;
    esac
    if [ "$target" = import_readers ]; then
        cp tests/import/*.pdf tests/import/*.docx tests/import/*.txt "$dir/"
    fi
    if [ "$target" = import_tables ]; then
        cp tests/import/tables/*.xlsx tests/import/tables/*.csv tests/import/*.docx tests/import/*.html "$dir/"
    fi
    if [ "$target" = yaml_aliases ]; then
        find tests/fixtures/demo tests/broken \( -name '*.yaml' -o -name '*.md' \) ! -name expect.yaml |
            while read -r f; do cp "$f" "$dir/$(echo "$f" | tr / _)"; done
    fi
    if [ "$target" = content_loader ]; then
        local a=tests/fixtures/demo/content
        cat "$a/articles/air-2025.zh.md" <(printf '\xff') "$a/articles/air-2025.en.md" \
            >"$dir/pair"
        cat "$a/articles/air-2025.zh.md" <(printf '\xff') "$a/articles/air-2025.en.md" \
            <(printf '\xff') "$a/indicators/good-days-ratio.yaml" <(printf '\xff') \
            "$a/cities.yaml" <(printf '\xff') "$a/topics.yaml" <(printf '\xff') \
            "$a/site.yaml" >"$dir/all"
        find tests/broken -name '*.yaml' ! -name expect.yaml | while read -r f; do
            { printf '\xff\xff'; cat "$f"; } >"$dir/indicator_$(echo "$f" | tr / _)"
        done
    fi
}

# Build first, so that a target that does not compile is not taken for a crash.
if ! cargo fuzz build; then
    echo "the fuzz targets do not build" >&2
    exit 2
fi

failed=()
for target in "${targets[@]}"; do
    seed "$target"
    extra=()
    case $target in import_*) extra=(tests/seeds) ;; esac
    echo "== fuzzing $target for ${seconds}s"
    if ! cargo fuzz run "$target" "fuzz/corpus/$target" "${extra[@]}" -- \
        -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len=65536 \
        -print_final_stats=1; then
        failed+=("$target")
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzzing found problems in: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
    exit 1
fi
echo "fuzzing: no crash in ${targets[*]}"
