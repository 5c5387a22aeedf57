#!/usr/bin/env bash
# Single-row INSERT commit rate (one INSERT per transaction, autocommit, synchronous_commit on,
# fsync on) with 1 and 8 clients: Tusk against a throwaway PostgreSQL 15 started for the purpose
# on the same machine, in the same run, runs alternating so that machine drift hits both alike.
# Group commit shows as the 8-client rate being much higher than the 1-client rate.
#
# usage: benchmarks/insert-commit-rate.sh (--port P [--host H] | --start-tusk) [--seconds T]
#            [--clients "1 8"] [--protocol simple|prepared] [--repeat N] [--warmup T] [--only-reference]
#            [--counters] [--no-reference]
#   --port P        a running Tusk server (user $BENCH_USER, default tusk; database postgres)
#   --start-tusk    start a throwaway Tusk from this repository instead (./tusk, TUSK_NO_BUILD=1)
#   --warmup T      before measuring, run the largest client count for T seconds (unmeasured) on
#                   each server: a new Tusk backend JVM runs its first thousands of statements
#                   before the JIT has compiled them (see README-storage.md), PostgreSQL has no
#                   such phase; the default 0 measures cold backends
#   --only-reference   measure PostgreSQL alone
#   --no-reference     measure Tusk alone (A/B runs of two builds: TUSK_DIST=<distribution>)
#   --counters      also print, per run, figures that do not depend on a quiet machine, taken over
#                   a window inside the run (from 2 s after its start to 2 s before its end, once
#                   every connection has its backend): fdatasync+fsync calls (perf record of the
#                   syscall tracepoints, machine-wide, kept when issued by the server's processes)
#                   and futex calls (perf stat of the server's threads) per committed
#                   transaction (needs perf and root) and CPU ms per transaction (utime+stime of the server's
#                   whole process tree from /proc, reaped children included); transactions are
#                   counted from pgbench's per-transaction log. Needs --start-tusk for Tusk (the
#                   server's postmaster pid) and --seconds 8 or more.
# A Tusk started here keeps up to as many idle backends as the largest client count
# (backend_pool_max_idle), so that the warmed-up backends stay in the pool between runs, and
# starts few new ones (backend_pool_min_idle=2): a new backend JVM starting and warming up during
# a run takes CPU from the measured sessions on a small machine.
# Prints "RESULT <target> insert <protocol> <clients> <tps>" per run, then a table with the
# ratios tusk/postgres and 8-clients/1-client. Everything it starts is stopped on exit.
# Both servers get the table bench_insert (dropped and created here) and a CHECKPOINT before each run.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"

HOST=127.0.0.1 PORT='' START_TUSK=0 SECONDS_=10 CLIENTS='1 8' PROTOCOL=simple REPEAT=1 ONLY_REF=0 NO_REF=0 WARMUP=0 COUNTERS=0
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
    --no-reference) NO_REF=1; shift ;;
    --counters) COUNTERS=1; shift ;;
    -h|--help) sed -n '2,32p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
if ((ONLY_REF == 0 && START_TUSK == 0)) && [[ -z $PORT ]]; then
  echo "give --port of a running Tusk, --start-tusk, or --only-reference" >&2; exit 2
fi
if ((COUNTERS && ONLY_REF == 0 && START_TUSK == 0)); then
  echo "--counters needs --start-tusk (or --only-reference)" >&2; exit 2
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
  targets+=("tusk $HOST $PORT ${TUSK_T_DIR:-}")
fi
if ((NO_REF == 0)); then
  start_reference R "shared_buffers=256MB"
  echo "# started PostgreSQL 15 on port $PG_R_PORT"
  targets+=("postgres 127.0.0.1 $PG_R_PORT $PG_R_DIR")
fi

# tree_ticks PID: CPU ticks (utime+stime, and those of reaped children) of PID and its descendants
tree_ticks() {
  local p f t=0
  for p in $(descendants "$1"); do
    f=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null) || continue
    [[ -n $f ]] && t=$((t + $(awk '{ print $12 + $13 + $14 + $15 }' <<<"$f")))
  done
  echo "$t"
}

# counted_run LABEL HOST PORT DATADIR CLIENTS JOBS: one pgbench run with --counters figures;
# prints the run's tps on stdout, the counters line on stderr
counted_run() {
  local label=$1 host=$2 port=$3 dir=$4 c=$5 j=$6 logdir pm pids t0 t1 c0 c1 n perf_out out
  logdir=$(mktemp -d /tmp/insert-log.XXXXXX)
  pm=$(postmaster_pid "$dir")
  (cd "$logdir" && "$PGBENCH" -h "$host" -p "$port" -U "$BENCH_USER" -n -f "$SCRIPT" -c "$c" -j "$j" \
      -T "$SECONDS_" -M "$PROTOCOL" -l postgres >"$logdir/out" 2>&1) &
  local bp=$!
  sleep 2
  pids=$(descendants "$pm" | paste -sd,)
  perf_out=$logdir/perf
  t0=$(date +%s.%N); c0=$(tree_ticks "$pm")
  # fsyncs: recorded machine-wide and kept if issued by one of the server's processes (a thread
  # born after the start of the window counts too); futex calls: counted on the threads that exist
  if ! perf record -q -a -o "$logdir/rec" -e syscalls:sys_enter_fdatasync,syscalls:sys_enter_fsync \
        -- perf stat -x, -o "$perf_out" -p "$pids" -e syscalls:sys_enter_futex sleep $((SECONDS_ - 4)) \
        >/dev/null 2>&1; then
    : >"$perf_out"
  fi
  t1=$(date +%s.%N); c1=$(tree_ticks "$pm")
  pids="$pids,$(descendants "$pm" | paste -sd,)" # before PostgreSQL's backends exit with their clients
  wait "$bp" || true
  if [[ -s $logdir/rec ]]; then
    perf script -i "$logdir/rec" -F pid 2>/dev/null \
      | awk -v list="$pids" 'BEGIN { n = split(list, p, ","); for (i = 1; i <= n; i++) mine[p[i]] = 1 }
                                                       $1 in mine { s++ } END { print s + 0 ",,syscalls:sys_enter_fsync_all" }' >>"$perf_out"
  fi
  n=$(cat "$logdir"/pgbench_log.* 2>/dev/null | awk -v a="$t0" -v b="$t1" '{ t = $5 + $6 / 1e6 } t >= a && t <= b { n++ } END { print n + 0 }')
  awk -F, -v L="$label" -v c="$c" -v n="$n" -v dc=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" \
      '/sys_enter_fsync_all/ { s += $1; have = 1 } /futex/ { f += $1 }
       END { if (n == 0) { print "COUNTERS " L " " c " no transactions in the window"; exit }
             printf "COUNTERS %s %d clients: %s fsyncs/commit, %s futex/commit, %.3f CPU ms/commit (%d commits in the window)\n",
               L, c, have ? sprintf("%.3f", s / n) : "-", have ? sprintf("%.2f", f / n) : "-", dc * 1000 / hz / n, n }' "$perf_out" >&2
  out=$(cat "$logdir/out")
  rm -rf "$logdir"
  tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out" | tail -1)
  echo "${tps:-0}"
}

for t in "${targets[@]}"; do
  read -r label host port _ <<<"$t"
  sql "$host" "$port" 'DROP TABLE bench_insert' >/dev/null 2>&1 || true
  sql "$host" "$port" 'CREATE TABLE bench_insert (id bigint, payload text)' >/dev/null
  echo "# $label: fsync=$(sql "$host" "$port" 'SHOW fsync' 2>/dev/null || echo '?')" \
       "synchronous_commit=$(sql "$host" "$port" 'SHOW synchronous_commit' 2>/dev/null || echo '?')" \
       "wal_sync_method=$(sql "$host" "$port" 'SHOW wal_sync_method' 2>/dev/null || echo '?')"
done

if ((WARMUP > 0)); then
  wc=$(tr ' ' '\n' <<<"$CLIENTS" | sort -n | tail -1)
  for t in "${targets[@]}"; do
    read -r label host port _ <<<"$t"
    # A fresh Tusk starts most of the backend JVMs for these connections now; on a loaded
    # machine that can take the whole warm-up (0 tps): then warm up again, up to three times.
    for try in 1 2 3; do
      tps=$(pgbench_tps "$host" "$port" -n -f "$SCRIPT" -c "$wc" -j $((wc < 2 ? 1 : 2)) -T "$WARMUP" -M "$PROTOCOL")
      echo "# $label: warm-up $wc clients ${WARMUP} s: $tps tps (not counted)"
      awk -v t="$tps" 'BEGIN { exit !(t > 0) }' && break
    done
  done
fi

declare -A sum=() count=()
for ((r = 1; r <= REPEAT; r++)); do
  for c in $CLIENTS; do
    for t in "${targets[@]}"; do
      read -r label host port dir <<<"$t"
      sql "$host" "$port" 'CHECKPOINT' >/dev/null 2>&1 || echo "# $label: CHECKPOINT failed" >&2
      jobs=$((c < 2 ? 1 : 2))
      if ((COUNTERS)); then
        tps=$(counted_run "$label" "$host" "$port" "$dir" "$c" "$jobs")
      else
        tps=$(pgbench_tps "$host" "$port" -n -f "$SCRIPT" -c "$c" -j "$jobs" -T "$SECONDS_" -M "$PROTOCOL")
      fi
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
