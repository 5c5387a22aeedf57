#!/usr/bin/env bash
# Recovery time after kill -9 with a given amount of WAL to replay: Tusk against PostgreSQL 15,
# on the same machine in the same run, one after the other. For each server: start a throwaway
# instance (checkpoints only on request: checkpoint_timeout = 1 day, max_wal_size far above the
# WAL written), CHECKPOINT, write --wal-mb of WAL with a pgbench insert load, kill -9 the
# postmaster and every worker at once, start it again and time until SELECT 1 works. The time
# of a clean start (shutdown checkpoint, nothing to replay) is measured too and subtracted.
#
# usage: benchmarks/recovery-time.sh [--wal-mb N] [--clients C] [--only tusk|postgres]
#   --wal-mb N   WAL to replay, in MiB (default 64; 1024 for the issue's 1 GB)
#   --clients C  pgbench clients writing the WAL (default 4)
# Tusk runs from this repository (./tusk, TUSK_NO_BUILD=1 unless set otherwise). Prints
# "RESULT <server> recovery <wal_bytes> <clean_start_s> <crash_start_s> <replay_s>" per server and
# a table. Everything it starts is stopped on exit.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"

WAL_MB=64 CLIENTS=4 ONLY=''
while (($#)); do
  case $1 in
    --wal-mb) WAL_MB=$2; shift 2 ;;
    --clients) CLIENTS=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
bench_init

TARGET_BYTES=$((WAL_MB * 1024 * 1024))
MAX_WAL_MB=$((WAL_MB * 3 + 1024))
SETTINGS=("checkpoint_timeout=86400" "max_wal_size=$MAX_WAL_MB" "shared_buffers=32768" "max_connections=50")

LOAD=$(mktemp /tmp/wal-load.XXXXXX.sql)
BENCH_TMP_FILES+=("$LOAD")
PAYLOAD=$(head -c 600 /dev/urandom | od -An -tx1 | tr -d ' \n' | head -c 1000) # incompressible, below TOAST size
{
  echo '\set id random(1, 1000000000)'
  echo 'BEGIN;'
  for i in $(seq 1 20); do echo "INSERT INTO wal_load (id, payload) VALUES (:id + $i, '$PAYLOAD');"; done
  echo 'COMMIT;'
} >"$LOAD"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# measure KIND: prints one RESULT line and adds it to results (run in this shell, not in a
# subshell, so that the EXIT trap knows the server it starts); the server's log line about the
# end of redo goes to stderr
results=()
measure() {
  local kind=$1 port dir t0 t1 clean crash lsn0 lsn1 bytes=0 rounds=0
  if [[ $kind == postgres ]]; then
    start_reference M "${SETTINGS[@]}"
    port=$PG_M_PORT dir=$PG_M_DIR
  else
    start_tusk M "${SETTINGS[@]}"
    port=$TUSK_M_PORT dir=$TUSK_M_DIR
  fi
  sql 127.0.0.1 "$port" 'CREATE TABLE wal_load (id bigint, payload text)' >/dev/null

  # a clean start: the baseline that holds no replay
  stop_server "$kind" "$dir" fast
  t0=$(now); start_again "$kind" "$dir" "$port"
  wait_accepting "$port" 600 || { echo "$kind did not start" >&2; exit 1; }
  t1=$(now); clean=$(elapsed "$t0" "$t1")

  sql 127.0.0.1 "$port" 'CHECKPOINT' >/dev/null
  lsn0=$(lsn_bytes "$(sql 127.0.0.1 "$port" 'SELECT pg_current_wal_lsn()')")
  while ((bytes < TARGET_BYTES)); do
    "$PGBENCH" -h 127.0.0.1 -p "$port" -U "$BENCH_USER" -n -f "$LOAD" -c "$CLIENTS" -j 2 -T 3 postgres >/dev/null 2>&1 ||
      { echo "# $kind: the WAL load failed" >&2; exit 1; }
    lsn1=$(lsn_bytes "$(sql 127.0.0.1 "$port" 'SELECT pg_current_wal_lsn()')")
    bytes=$((lsn1 - lsn0))
    rounds=$((rounds + 1))
    echo "# $kind: $((bytes / 1024 / 1024)) MiB of WAL written" >&2
  done

  kill9_server "$dir"
  t0=$(now); start_again "$kind" "$dir" "$port"
  wait_accepting "$port" 7200 || { echo "$kind did not recover" >&2; exit 1; }
  t1=$(now); crash=$(elapsed "$t0" "$t1")
  if [[ $kind == postgres ]]; then
    grep -h 'redo done at' "$(dirname "$dir")/log" | tail -1 | sed "s/^/# $kind log: /" >&2 || true
  else
    # the crash start's timeline: redo, the end-of-recovery checkpoint, ready
    grep -rh 'redo done\|checkpoint starting\|checkpoint complete\|ready to accept' "$dir/log" 2>/dev/null | sort | tail -4 |
      cut -c1-260 | sed "s/^/# $kind log: /" >&2 || true
  fi
  results+=("RESULT $kind recovery $bytes $clean $crash $(elapsed "$clean" "$crash")")
  echo "${results[-1]}"
  stop_server "$kind" "$dir" fast
}

for kind in tusk postgres; do
  [[ -n $ONLY && $ONLY != "$kind" ]] && continue
  measure "$kind"
done

echo
echo "# recovery after kill -9 (target ${WAL_MB} MiB of WAL; start = until SELECT 1 works)"
printf '%-9s %10s %14s %16s %10s %12s\n' server WAL_MiB clean_start_s crash_start_s replay_s replay_MiB/s
for line in "${results[@]}"; do
  read -r _ kind _ bytes clean crash replay <<<"$line"
  printf '%-9s %10s %14s %16s %10s %12s\n' "$kind" "$((bytes / 1024 / 1024))" "$clean" "$crash" "$replay" \
    "$(awk -v b="$bytes" -v s="$replay" 'BEGIN { if (s > 0) printf "%.0f", b / 1048576 / s; else print "-" }')"
done
if ((${#results[@]} == 2)); then
  read -r _ _ _ _ _ _ tr <<<"${results[0]}"
  read -r _ _ _ _ _ _ pr <<<"${results[1]}"
  echo "# replay time tusk/postgres: $(awk -v a="$tr" -v b="$pr" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')"
fi
