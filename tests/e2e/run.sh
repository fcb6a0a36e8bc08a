#!/usr/bin/env bash
# Quality checks of the built portal as users and validators see it:
#   - real browser (Chromium through playwright-core) scenarios and screenshots,
#   - Nu Html Checker (vnu.jar): zero errors on every HTML page,
#   - axe-core: zero WCAG 2.1 A/AA violations on every page kind, both languages,
#   - link crawl: every sitemap page reached, zero broken internal links or anchors;
#   - the portable copy (build --portable) opened over file:// and crawled the same way.
#
# The site is built twice, at a domain root and under /portal/, and both builds are served
# by one nginx started here as a plain process (own config, temp dir, 127.0.0.1, free port).
#
# Needs: cargo, node >= 20 with `npm ci` done in tests/e2e, java (17+), chromium, nginx and
# fonts-noto-cjk (for readable screenshots). ./test.sh installs them on Debian when run as root.
# Missing tools are a failure, never a skip.
#
# Environment: CHROMIUM (default /usr/bin/chromium), NGINX (default: nginx on PATH or
# /usr/sbin/nginx), CARGO_TARGET_DIR (as cargo), E2E_PROFILE=release|debug (the build of
# shanshui that builds the sites; default release), E2E_BIN (a shanshui binary to use instead
# of building one), E2E_TESTS="html links browser a11y" (which
# checks to run), E2E_KEEP=1 keeps the temp dir with the sites and nginx's config and log.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"

fail() { echo "e2e: FAIL: $*" >&2; exit 1; }
step() { echo "e2e: $*"; }

# --- tools: a missing one fails the run --------------------------------------------------
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
[ -x "$CHROMIUM" ] || fail "Chromium not found at $CHROMIUM (Debian: apt-get install chromium fonts-noto-cjk; or set CHROMIUM=/path)"
[ -x "$NGINX" ] || fail "nginx not found (Debian: apt-get install nginx; or set NGINX=/path)"
command -v java >/dev/null || fail "java not found: the Nu Html Checker needs Java 11+ (Debian: apt-get install default-jre-headless)"
command -v node >/dev/null || fail "node not found: the checks need Node.js 20+"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || fail "Node.js $(node --version) is too old: need 20+"
[ -f "$HERE/node_modules/playwright-core/package.json" ] && [ -f "$HERE/node_modules/vnu-jar/build/dist/vnu.jar" ] \
  || fail "node modules missing: run (cd tests/e2e && npm ci --ignore-scripts)"
# (grep without -q: under pipefail, -q's early exit would fail fc-list with SIGPIPE)
if ! fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null; then
  echo "e2e: warning: fonts-noto-cjk not installed: Chinese text in screenshots will be boxes" >&2
fi

# --- build the generator and the two sites --------------------------------------------------
PROFILE="${E2E_PROFILE:-release}"
case "$PROFILE" in
  release) cargo_profile=(--release); profile_dir=release ;;
  debug) cargo_profile=(); profile_dir=debug ;;
  *) fail "E2E_PROFILE must be release or debug, not $PROFILE" ;;
esac
if [ -n "${E2E_BIN:-}" ]; then
  BIN="$E2E_BIN"
  step "using $BIN"
else
  step "building shanshui ($PROFILE)"
  cargo build "${cargo_profile[@]}" --locked --quiet --bin shanshui
  BIN="${CARGO_TARGET_DIR:-$ROOT/target}/$profile_dir/shanshui"
fi
[ -x "$BIN" ] || fail "binary not found at $BIN"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/shanshui-e2e.XXXXXX")"
NGINX_PID=""
cleanup() {
  local rc=$?
  if [ -n "$NGINX_PID" ] && kill -0 "$NGINX_PID" 2>/dev/null; then
    # TERM is nginx's fast shutdown: the master ends its workers, then itself. Wait for it
    # (it is this shell's child) so no process outlives the run.
    kill "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
  fi
  if [ "$rc" -ne 0 ] && [ -s "$WORK/nginx-error.log" ]; then
    echo "e2e: nginx error log (last lines):" >&2
    tail -n 20 "$WORK/nginx-error.log" >&2 || true
  fi
  if [ "${E2E_KEEP:-0}" = 1 ]; then echo "e2e: kept $WORK"; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# nginx's workers drop root to "nobody" when the master runs as root: let them read the sites.
chmod 755 "$WORK"

PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
ORIGIN="http://127.0.0.1:$PORT"
ROOT_SITE="$WORK/site-root"
PORTAL_SITE="$WORK/site-portal"
PORTABLE_SITE="$WORK/site-portable"

step "building the site at $ORIGIN/ and at $ORIGIN/portal/, and a portable copy"
t0=$(date +%s)
"$BIN" build --base-url "$ORIGIN/" --out "$ROOT_SITE"
"$BIN" build --base-url "$ORIGIN/portal/" --out "$PORTAL_SITE"
# Opened from its folder over file://, not served by nginx.
"$BIN" build --portable --base-url "$ORIGIN/" --out "$PORTABLE_SITE"
step "three builds took $(( $(date +%s) - t0 ))s"

# --- nginx: the root build at /, the sub-path build at /portal/ -------------------------
mkdir -p "$WORK/nginx-temp"
cat > "$WORK/nginx.conf" <<EOF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
daemon off;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  log_not_found off;
  # As Debian's nginx.conf has it: HTML compressed, so pages reach Lighthouse's simulated
  # phone as a host would send them.
  gzip on;
  client_body_temp_path $WORK/nginx-temp/body;
  proxy_temp_path $WORK/nginx-temp/proxy;
  fastcgi_temp_path $WORK/nginx-temp/fastcgi;
  uwsgi_temp_path $WORK/nginx-temp/uwsgi;
  scgi_temp_path $WORK/nginx-temp/scgi;
  server {
    listen 127.0.0.1:$PORT;
    server_name localhost;
    location / {
      root $ROOT_SITE;
      error_page 404 /404.html;
    }
    location /portal/ {
      alias $PORTAL_SITE/;
      error_page 404 /portal/404.html;
    }
  }
}
EOF
[ -f /etc/nginx/mime.types ] || fail "/etc/nginx/mime.types missing (Debian package nginx-common)"
"$NGINX" -t -q -p "$WORK" -e "$WORK/nginx-error.log" -c "$WORK/nginx.conf" || fail "nginx rejected its config"
"$NGINX" -p "$WORK" -e "$WORK/nginx-error.log" -c "$WORK/nginx.conf" &
NGINX_PID=$!
up=0
for _ in $(seq 100); do
  if node -e 'fetch(process.argv[1]).then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))' "$ORIGIN/portal/"; then up=1; break; fi
  kill -0 "$NGINX_PID" 2>/dev/null || break
  sleep 0.1
done
[ "$up" = 1 ] || fail "nginx did not serve $ORIGIN/portal/"
step "nginx (pid $NGINX_PID) serving on $ORIGIN"

# --- the checks -----------------------------------------------------------------------------
export E2E_ORIGIN="$ORIGIN"
export E2E_ROOT_SITE="$ROOT_SITE"
export E2E_PORTAL_SITE="$PORTAL_SITE"
export E2E_PORTABLE_SITE="$PORTABLE_SITE"
export E2E_CHROMIUM="$CHROMIUM"
export E2E_BIN="$BIN"
export E2E_SCREENSHOTS="$ROOT/target/e2e-screenshots"
rm -rf "$E2E_SCREENSHOTS"
mkdir -p "$E2E_SCREENSHOTS"

step "running the checks"
t0=$(date +%s)
# E2E_TESTS="browser a11y" runs only some of the files (for local work on one check).
files=()
for t in ${E2E_TESTS:-html links portable browser phone charts english sources a11y relevance lighthouse desk}; do files+=("$t.test.mjs"); done
set +e
(cd "$HERE" && node --test --test-concurrency=1 --test-reporter=spec "${files[@]}") 2>&1 | tee "$WORK/node-test.log"
status=${PIPESTATUS[0]}
set -e
passed="$(sed -n 's/^ℹ pass \([0-9]*\)$/\1/p' "$WORK/node-test.log" | tail -n 1)"
failed="$(sed -n 's/^ℹ fail \([0-9]*\)$/\1/p' "$WORK/node-test.log" | tail -n 1)"
step "checks took $(( $(date +%s) - t0 ))s; screenshots in $E2E_SCREENSHOTS"
[ -n "$passed" ] || fail "the test runner ended without a summary (exit $status; see above)"
[ "$status" -eq 0 ] && [ "$passed" -gt 0 ] || fail "quality checks failed (see above): ${failed:-?} of $(( passed + ${failed:-0} )) checks failed"
echo "e2e: ${passed} passed, ${failed:-0} failed"
