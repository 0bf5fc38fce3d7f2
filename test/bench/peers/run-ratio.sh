#!/usr/bin/env bash
# Side-by-side: haoban (BPMN on Temporal) vs Camunda 7 embedded, the general-approval process,
# N cases at client concurrency C, ROUNDS alternating rounds (A B, B A, A B …) in one run.
#
#   N=200 C=16 ROUNDS=3 ./run-ratio.sh
#   CAMUNDA_DBS="h2 pg" ./run-ratio.sh      # Camunda on H2 file (default) and/or the local PostgreSQL (db/user/password camunda)
#   HAOBAN_MODES="http" ./run-ratio.sh      # haoban through its HTTP API only (default: "http engine")
#
# Needs: a haoban checkout with node_modules (HAOBAN_DIR, default: the current directory), the Temporal CLI on
# PATH or in TEMPORAL_BIN_DIR (default HAOBAN_DIR/.tools/bin), Java 17 + Maven; for CAMUNDA_DBS=pg a local
# PostgreSQL (the script creates role and database camunda if missing). Starts its own haoban on ports
# 3300 / 7500 / 8500 with a fresh DATA_DIR, and one Camunda JVM kept warm across rounds; stops both at the end.
# Last line: "haoban/camunda7 throughput ratio (median): X.XX" (median of the per-round ratios, haoban through HTTP).
set -euo pipefail
PEERS=$(cd "$(dirname "$0")" && pwd)
N=${N:-200}; C=${C:-16}; ROUNDS=${ROUNDS:-3}
HAOBAN_DIR=$(cd "${HAOBAN_DIR:-$PWD}" && pwd)
HAOBAN_MODES=${HAOBAN_MODES:-http engine}
CAMUNDA_DBS=${CAMUNDA_DBS:-${CAMUNDA_DB:-pg}}
JAVA_OPTS=${JAVA_OPTS:--Xmx1g}
WORK=${WORK:-$(mktemp -d -t haoban-peers.XXXXXX)}
HB_PORT=${HB_PORT:-3300}; HB_TEMPORAL_PORT=${HB_TEMPORAL_PORT:-7500}; HB_UI_PORT=${HB_UI_PORT:-8500}
export PATH="${TEMPORAL_BIN_DIR:-$HAOBAN_DIR/.tools/bin}:$PATH"
command -v temporal >/dev/null || { echo "temporal CLI not found (set TEMPORAL_BIN_DIR)"; exit 1; }

mkdir -p "$WORK"
RESULTS="$WORK/results-$(date +%Y%m%dT%H%M%S).jsonl"
: > "$RESULTS"
HB_PID=""

descendants() { # all descendant pids of $1
  local kids; kids=$(awk -v p="$1" '{ if ($4 == p) print $1 }' /proc/[0-9]*/stat 2>/dev/null || true)
  for k in $kids; do echo "$k"; descendants "$k"; done
}
cleanup() {
  set +eu
  for db in "${!CAM_PIDS[@]}"; do
    local p=${CAM_PIDS[$db]}
    if kill -0 "$p" 2>/dev/null; then echo quit >&"${CAM_IN[$db]}" 2>/dev/null; for _ in $(seq 1 20); do kill -0 "$p" 2>/dev/null || break; sleep 0.5; done; kill "$p" 2>/dev/null; fi
  done
  if [ -n "$HB_PID" ] && kill -0 "$HB_PID" 2>/dev/null; then
    local tree; tree=$(descendants "$HB_PID")
    kill -INT "$HB_PID" 2>/dev/null
    for _ in $(seq 1 40); do kill -0 "$HB_PID" 2>/dev/null || break; sleep 0.5; done
    for p in $HB_PID $tree; do kill -0 "$p" 2>/dev/null && kill -TERM "$p" 2>/dev/null; done
  fi
  return 0
}
declare -A CAM_PIDS=()
trap cleanup EXIT

# ---- build Camunda side
if [ ! -d "$PEERS/camunda7/target/lib" ] || [ ! -d "$PEERS/camunda7/target/classes" ]; then (cd "$PEERS/camunda7" && mvn -q package); fi

# ---- start haoban (fresh data dir; worker + API + Temporal dev server + PGlite, as npm start does, minus the console build)
rm -rf "$WORK/haoban-data"; mkdir -p "$WORK/haoban-data"
# HB_DATABASE_URL: haoban's read model on PostgreSQL instead of the embedded PGlite (the database is emptied first).
if [ -n "${HB_DATABASE_URL:-}" ]; then psql "$HB_DATABASE_URL" -q -c 'drop schema public cascade; create schema public' >/dev/null; fi
( cd "$HAOBAN_DIR" && exec env ${HB_DATABASE_URL:+DATABASE_URL=$HB_DATABASE_URL DEMO_MODE=1} PORT=$HB_PORT TEMPORAL_PORT=$HB_TEMPORAL_PORT TEMPORAL_UI_PORT=$HB_UI_PORT DATA_DIR="$WORK/haoban-data" \
    LOG_LEVEL=${HB_LOG_LEVEL:-warn} node_modules/.bin/tsx server/main.ts > "$WORK/haoban.log" 2>&1 ) &
HB_PID=$!
for i in $(seq 1 300); do curl -sf "http://127.0.0.1:$HB_PORT/healthz" >/dev/null 2>&1 && break; kill -0 $HB_PID 2>/dev/null || { cat "$WORK/haoban.log"; exit 1; }; sleep 1; done
curl -sf "http://127.0.0.1:$HB_PORT/healthz" >/dev/null || { echo "haoban did not start"; tail -30 "$WORK/haoban.log"; exit 1; }
HB_NODE=""; HB_TEMPORAL=""
for p in $(descendants $HB_PID); do
  cmd=$(tr '\0' ' ' < /proc/$p/cmdline 2>/dev/null || true)
  case "$cmd" in *"server start-dev"*) HB_TEMPORAL=$p ;; *server/main.ts*) HB_NODE=$p ;; esac
done
echo "haoban up: tsx $HB_PID, node worker+API $HB_NODE, temporal $HB_TEMPORAL"

# ---- start Camunda (one JVM per database in CAMUNDA_DBS, each kept warm across rounds, driven through FIFOs)
declare -A CAM_IN CAM_OUT
start_camunda() {
  local db=$1 url in="$WORK/cam-$1.in" out="$WORK/cam-$1.out"
  if [ "$db" = pg ]; then
    su postgres -c "psql -q -c \"DO \\\$\\\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='camunda') THEN CREATE ROLE camunda LOGIN PASSWORD 'camunda'; END IF; END\\\$\\\$;\"" >/dev/null
    su postgres -c "psql -q -c 'drop database if exists camunda' -c 'create database camunda owner camunda'" >/dev/null
    url="jdbc:postgresql://127.0.0.1:5432/camunda"
  else
    rm -rf "$WORK/h2"; url="jdbc:h2:file:$WORK/h2/camunda"
  fi
  rm -f "$in" "$out"; mkfifo "$in" "$out"
  java $JAVA_OPTS -cp "$PEERS/camunda7/target/classes:$PEERS/camunda7/target/lib/*" peers.Bench --serve --db "$db" --url "$url" \
    --warmup "${CAM_WARMUP:-50}" "$N" "$C" < "$in" > "$out" 2>"$WORK/camunda-$db.log" &
  CAM_PIDS[$db]=$!
  local fi fo; exec {fi}>"$in"; exec {fo}<"$out"
  CAM_IN[$db]=$fi; CAM_OUT[$db]=$fo
  local ready; read -r ready <&"$fo"; echo "camunda7 ($db) up: pid ${CAM_PIDS[$db]} $ready"
}
for db in $CAMUNDA_DBS; do start_camunda "$db"; done

# ---- warm haoban up once (each driver call also warms its own client with a few cases)
for m in $HAOBAN_MODES; do node "$PEERS/haoban-driver.mjs" --mode "$m" --base "http://127.0.0.1:$HB_PORT" --temporal "127.0.0.1:$HB_TEMPORAL_PORT" --haoban "$HAOBAN_DIR" --warmup 0 "${HB_WARMUP:-50}" "$C" > /dev/null; done

run_haoban() {
  local line; line=$(node "$PEERS/haoban-driver.mjs" --mode "$1" --base "http://127.0.0.1:$HB_PORT" --temporal "127.0.0.1:$HB_TEMPORAL_PORT" --haoban "$HAOBAN_DIR" --warmup 10 --pids "$HB_NODE,$HB_TEMPORAL" "$N" "$C")
  echo "{\"round\":$2,${line#\{}" | tee -a "$RESULTS"
}
run_camunda() {
  local line db
  for db in $CAMUNDA_DBS; do
    echo "$N $C" >&"${CAM_IN[$db]}"; read -r line <&"${CAM_OUT[$db]}"
    line=${line/\"side\":\"camunda7\"/\"side\":\"camunda7-$db\"}
    echo "{\"round\":$1,${line#\{}" | tee -a "$RESULTS"
  done
}
echo "N=$N C=$C ROUNDS=$ROUNDS haoban modes: $HAOBAN_MODES; camunda7 dbs: $CAMUNDA_DBS"
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) -eq 1 ]; then for m in $HAOBAN_MODES; do run_haoban "$m" "$r"; done; run_camunda "$r"
  else run_camunda "$r"; for m in $HAOBAN_MODES; do run_haoban "$m" "$r"; done; fi
done

# ---- summary
echo "(rows in $RESULTS)"
node - "$RESULTS" "$HAOBAN_MODES" "$CAMUNDA_DBS" <<'JS'
const fs = require('fs');
const rows = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const modes = process.argv[3].split(/\s+/).filter(Boolean);
const med = (a) => { const s = [...a].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const dbs = process.argv[4].split(/\s+/).filter(Boolean);
const sides = [...modes.map((m) => `haoban-${m}`), ...dbs.map((d) => `camunda7-${d}`)];
console.log('\nround | side           | cases/s | wall s | complete p50 ms | p95 ms | case p50 ms | ended (engine count) | errors');
for (const r of rows) {
  const ended = r.side.startsWith('camunda7') ? `${r.completedInHistory} hist, ${r.endedAtDone} at 'done', ${r.resultVars} results` : `${r.completedInTemporalVisibility} Temporal, ${r.completedInReadModelDelta} read model, ${r.historyEvents} history events/case`;
  console.log(`${r.round} | ${r.side.padEnd(14)} | ${r.casesPerSec.toFixed(2)} | ${(r.wallMs / 1000).toFixed(1)} | ${r.completeP50Ms.toFixed(1)} | ${r.completeP95Ms.toFixed(1)} | ${r.caseP50Ms.toFixed(1)} | ${ended} | ${r.errors}`);
}
console.log('\nmedians:');
for (const s of sides) {
  const rs = rows.filter((r) => r.side === s);
  if (!rs.length) continue;
  console.log(`  ${s.padEnd(14)} ${med(rs.map((r) => r.casesPerSec)).toFixed(2)} cases/s, complete p50 ${med(rs.map((r) => r.completeP50Ms)).toFixed(1)} ms, p95 ${med(rs.map((r) => r.completeP95Ms)).toFixed(1)} ms`);
}
const last = (s) => rows.filter((r) => r.side === s).pop();
const hb = last(`haoban-${modes[0]}`);
for (const r of rows) if (r.cpuPerCaseMs) console.log(`CPU per case, round ${r.round} ${r.side}: ${Object.entries(r.cpuPerCaseMs).map(([p, v]) => `pid ${p} ${v} ms`).join(', ')} (worker+API node, Temporal dev server)`);
if (hb?.rss) console.log(`peak RSS haoban: ${Object.entries(hb.rss).map(([p, v]) => `pid ${p} ${v.hwmMb} MB`).join(', ')} (worker+API node, Temporal dev server)`);
for (const d of dbs) { const cam = last(`camunda7-${d}`); if (cam) console.log(`peak RSS camunda7-${d} JVM: ${cam.vmHwmMb} MB`); }
const ratio = (m, d) => {
  const per = [];
  for (const r of new Set(rows.map((x) => x.round))) {
    const h = rows.find((x) => x.round === r && x.side === `haoban-${m}`), c = rows.find((x) => x.round === r && x.side === `camunda7-${d}`);
    if (h && c) per.push(h.casesPerSec / c.casesPerSec);
  }
  return med(per);
};
for (const m of modes) for (const d of dbs) if (!(m === modes[0] && d === dbs[0])) console.log(`haoban-${m}/camunda7-${d} throughput ratio (median): ${ratio(m, d).toFixed(2)}`);
console.log(`(headline: haoban-${modes[0]} vs camunda7-${dbs[0]}; median of the per-round ratios)`);
console.log(`haoban/camunda7 throughput ratio (median): ${ratio(modes[0], dbs[0]).toFixed(2)}`);
JS
