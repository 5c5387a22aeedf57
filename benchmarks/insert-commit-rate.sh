#!/usr/bin/env bash
# Single-row INSERT commit rate (one INSERT per transaction, autocommit, synchronous_commit on,
# fsync on) with 1 and 8 clients: Tusk against a throwaway PostgreSQL 15 started for the purpose
# on the same machine, in the same run, runs alternating so that machine drift hits both alike.
# Group commit shows as the 8-client rate being much higher than the 1-client rate.
#
# usage: benchmarks/insert-commit-rate.sh (--port P [--host H] | --start-tusk) [--seconds T]
#            [--clients "1 8"] [--protocol simple|prepared] [--repeat N] [--warmup T] [--only-reference]
#   --port P        a running Tusk server (user $BENCH_USER, default tusk; database postgres)
#   --start-tusk    start a throwaway Tusk from this repository instead (./tusk, TUSK_NO_BUILD=1)
#   --warmup T      before measuring, run the largest client count for T seconds (unmeasured) on
#                   each server: a new Tusk backend JVM runs its first thousands of statements
#                   before the JIT has compiled them (see README-storage.md), PostgreSQL has no
#                   such phase; the default 0 measures cold backends
#   --only-reference   measure PostgreSQL alone
# A Tusk started here keeps up to as many idle backends as the largest client count
# (backend_pool_max_idle), so that the warmed-up backends stay in the pool between runs, and
# starts few new ones (backend_pool_min_idle=2): a new backend JVM starting and warming up during
# a run takes CPU from the measured sessions on a small machine.
# Prints "RESULT <target> insert <protocol> <clients> <tps>" per run, then a table with the
# ratios tusk/postgres and 8-clients/1-client. Everything it starts is stopped on exit.
# Both servers get the table bench_insert (dropped and created here) and a CHECKPOINT before each run.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"

HOST=127.0.0.1 PORT='' START_TUSK=0 SECONDS_=10 CLIENTS='1 8' PROTOCOL=simple REPEAT=1 ONLY_REF=0 WARMUP=0
while (($#)); do
  case $1 in
    --host) HOST=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --start-tusk) START_TUSK=1; shift ;;
    --seconds) SECONDS_=$2; shift 2 ;;
    --clients) CLIENTS=$2; shift 2 ;;
    --protocol) PROTOCOL=$2; shift 2 ;;
    --repeat) REPEAT=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --only-reference) ONLY_REF=1; shift ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
if ((ONLY_REF == 0 && START_TUSK == 0)) && [[ -z $PORT ]]; then
  echo "give --port of a running Tusk, --start-tusk, or --only-reference" >&2; exit 2
fi
bench_init

SCRIPT=$(mktemp /tmp/insert.XXXXXX.sql)
BENCH_TMP_FILES+=("$SCRIPT")
cat >"$SCRIPT" <<'EOF'
\set id random(1, 1000000000)
INSERT INTO bench_insert (id, payload) VALUES (:id, 'insert-commit-rate');
EOF

targets=()
if ((ONLY_REF == 0)); then
  if ((START_TUSK)); then
    max_clients=$(tr ' ' '\n' <<<"$CLIENTS" | sort -n | tail -1)
    start_tusk T "backend_pool_min_idle=2" "backend_pool_max_idle=$((max_clients + 2))"
    HOST=127.0.0.1 PORT=$TUSK_T_PORT
    echo "# started Tusk on port $PORT (data $TUSK_T_DIR)"
  fi
  sql "$HOST" "$PORT" 'SELECT 1' >/dev/null || { echo "cannot reach Tusk at $HOST:$PORT as $BENCH_USER" >&2; exit 1; }
  targets+=("tusk $HOST $PORT")
fi
start_reference R "shared_buffers=256MB"
echo "# started PostgreSQL 15 on port $PG_R_PORT"
targets+=("postgres 127.0.0.1 $PG_R_PORT")

for t in "${targets[@]}"; do
  read -r label host port <<<"$t"
  sql "$host" "$port" 'DROP TABLE bench_insert' >/dev/null 2>&1 || true
  sql "$host" "$port" 'CREATE TABLE bench_insert (id bigint, payload text)' >/dev/null
  echo "# $label: fsync=$(sql "$host" "$port" 'SHOW fsync' 2>/dev/null || echo '?')" \
       "synchronous_commit=$(sql "$host" "$port" 'SHOW synchronous_commit' 2>/dev/null || echo '?')" \
       "wal_sync_method=$(sql "$host" "$port" 'SHOW wal_sync_method' 2>/dev/null || echo '?')"
done

if ((WARMUP > 0)); then
  wc=$(tr ' ' '\n' <<<"$CLIENTS" | sort -n | tail -1)
  for t in "${targets[@]}"; do
    read -r label host port <<<"$t"
    tps=$(pgbench_tps "$host" "$port" -n -f "$SCRIPT" -c "$wc" -j $((wc < 2 ? 1 : 2)) -T "$WARMUP" -M "$PROTOCOL")
    echo "# $label: warm-up $wc clients ${WARMUP} s: $tps tps (not counted)"
  done
fi

declare -A sum=() count=()
for ((r = 1; r <= REPEAT; r++)); do
  for c in $CLIENTS; do
    for t in "${targets[@]}"; do
      read -r label host port <<<"$t"
      sql "$host" "$port" 'CHECKPOINT' >/dev/null 2>&1 || echo "# $label: CHECKPOINT failed" >&2
      jobs=$((c < 2 ? 1 : 2))
      tps=$(pgbench_tps "$host" "$port" -n -f "$SCRIPT" -c "$c" -j "$jobs" -T "$SECONDS_" -M "$PROTOCOL")
      echo "RESULT $label insert $PROTOCOL $c $tps"
      key="$label $c"
      sum[$key]=$(awk -v a="${sum[$key]:-0}" -v b="$tps" 'BEGIN { print a + b }')
      count[$key]=$(( ${count[$key]:-0} + 1 ))
    done
  done
done

avg() { awk -v s="${sum[$1]:-0}" -v n="${count[$1]:-0}" 'BEGIN { if (n > 0) printf "%.1f", s / n; else print 0 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

echo
echo "# single-row INSERT commits per second ($PROTOCOL protocol, ${SECONDS_} s per run, mean of $REPEAT)"
printf '%-8s %12s %12s %14s\n' clients tusk postgres tusk/postgres
first=${CLIENTS%% *}
for c in $CLIENTS; do
  tt=$(avg "tusk $c"); pt=$(avg "postgres $c")
  printf '%-8s %12s %12s %14s\n' "$c" "$( ((ONLY_REF)) && echo - || echo "$tt")" "$pt" "$( ((ONLY_REF)) && echo - || ratio "$tt" "$pt")"
done
for c in $CLIENTS; do
  [[ $c == "$first" ]] && continue
  echo "# group commit: $c clients / $first client(s): tusk $( ((ONLY_REF)) && echo - || ratio "$(avg "tusk $c")" "$(avg "tusk $first")")," \
       "postgres $(ratio "$(avg "postgres $c")" "$(avg "postgres $first")")"
done
