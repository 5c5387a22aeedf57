#!/usr/bin/env bash
# The SQL engine against PostgreSQL 15 on the same machine, in the same run (issue 5's figures):
# a point lookup by primary key on pgbench_accounts (100,000 x scale rows; 1M at the default
# scale 10) with the simple and the prepared protocol, a 3-table join with aggregates, a sort of
# every row, and an aggregate over every row. Both servers are throwaway ones started here with
# the same shared_buffers, loaded with `pgbench -i -I dtgp` (client-side COPY, then primary
# keys); PostgreSQL then gets VACUUM ANALYZE, as autovacuum would give it (Tusk has no ANALYZE
# yet). Runs alternate between the servers so that machine drift hits both alike.
#
# usage: benchmarks/sql-vs-postgres.sh [--scale S] [--seconds T] [--clients "1 8"]
#            [--workloads "point-simple point-prepared join3 sort agg"] [--warmup T]
#            [--pool-min-idle N]
#   point-*   SELECT abalance FROM pgbench_accounts WHERE aid = :aid      (1 and 8 clients)
#   join3     accounts x branches x tellers for 1000 accounts, GROUP BY teller (1 client)
#   sort      all accounts ORDER BY bid DESC, aid % 1000, aid, OFFSET past the end (1 client)
#   agg       count / sum / avg of all accounts GROUP BY bid (1 client)
# Prints "RESULT <server> <workload> <clients> <tps> <latency_ms> <cpu_us_per_tx>" per run and a
# table of ratios tusk/postgres (tps; > 1 means Tusk is faster) and of server CPU per transaction
# (postgres/tusk; > 1 means Tusk uses less; load-independent, so the figure to trust on a busy
# machine). --pool-min-idle sizes Tusk's pool of pre-started backends (default 2, Tusk's default):
# with N >= the clients every client gets a backend that warmed up before it came, as a server
# sized for its load would have. Everything it starts is stopped on exit.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"

SCALE=10 SECONDS_=15 CLIENTS='1 8' WORKLOADS='point-simple point-prepared join3 sort agg' WARMUP=10 POOL_MIN_IDLE=2
while (($#)); do
  case $1 in
    --scale) SCALE=$2; shift 2 ;;
    --seconds) SECONDS_=$2; shift 2 ;;
    --clients) CLIENTS=$2; shift 2 ;;
    --workloads) WORKLOADS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --pool-min-idle) POOL_MIN_IDLE=$2; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
bench_init

ROWS=$((100000 * SCALE))
max_clients=$(tr ' ' '\n' <<<"$CLIENTS" | sort -n | tail -1)
start_tusk T "shared_buffers=256MB" "backend_pool_min_idle=$POOL_MIN_IDLE" \
  "backend_pool_max_idle=$((max_clients + 2 > POOL_MIN_IDLE ? max_clients + 2 : POOL_MIN_IDLE))"
echo "# Tusk on port $TUSK_T_PORT (data $TUSK_T_DIR)"
start_reference R "shared_buffers=256MB"
echo "# PostgreSQL 15 on port $PG_R_PORT"
targets=("tusk 127.0.0.1 $TUSK_T_PORT" "postgres 127.0.0.1 $PG_R_PORT")

for t in "${targets[@]}"; do
  read -r label host port <<<"$t"
  start=$SECONDS
  "$PGBENCH" -i -I dtgp -q -s "$SCALE" -h "$host" -p "$port" -U "$BENCH_USER" postgres >/dev/null 2>&1 \
    || { echo "# $label: pgbench -i failed" >&2; exit 1; }
  [[ $label == postgres ]] && sql "$host" "$port" 'VACUUM ANALYZE' >/dev/null
  echo "# $label: loaded scale $SCALE ($ROWS accounts) in $((SECONDS - start)) s"
done

script() {
  local f
  f=$(mktemp /tmp/sqlbench.XXXXXX.sql)
  BENCH_TMP_FILES+=("$f")
  cat >"$f"
  echo "$f"
}
POINT=$(script <<EOF
\set aid random(1, $ROWS)
SELECT abalance FROM pgbench_accounts WHERE aid = :aid;
EOF
)
JOIN3=$(script <<EOF
\set aid random(1, $((ROWS - 1000)))
SELECT t.tid, count(*), sum(a.abalance) FROM pgbench_accounts a JOIN pgbench_branches b ON b.bid = a.bid JOIN pgbench_tellers t ON t.bid = b.bid WHERE a.aid BETWEEN :aid AND :aid + 999 GROUP BY t.tid ORDER BY t.tid;
EOF
)
SORT=$(script <<EOF
SELECT aid, bid FROM pgbench_accounts ORDER BY bid DESC, aid % 1000, aid OFFSET $((ROWS - 1));
EOF
)
AGG=$(script <<'EOF'
SELECT bid, count(*), sum(abalance), avg(abalance) FROM pgbench_accounts GROUP BY bid ORDER BY bid;
EOF
)

# cpu_ticks PID...: utime + stime of the processes (clock ticks); empty when one is gone
cpu_ticks() {
  local p total=0 stat
  local -a f
  for p in "$@"; do
    stat=$(cat "/proc/$p/stat" 2>/dev/null) || return 0
    stat=${stat##*) }                   # fields from 3 on (the command may contain spaces)
    read -r -a f <<<"$stat"
    total=$((total + f[11] + f[12]))    # fields 14 and 15: utime, stime
  done
  echo "$total"
}
now() { date +%s.%N; }
CLK_TCK=$(getconf CLK_TCK)

# run LABEL HOST PORT WORKLOAD CLIENTS: one pgbench run; prints "tps latency cpu_us_per_tx".
# CPU per transaction: what the server processes serving pgbench (their pids from
# pg_stat_activity) used from 1 s into the run to its last half second, over the transactions
# of that window at the run's tps. It does not depend on how busy the machine is,
# as tps does, and it includes JIT compiling in a backend that is still warming up.
run() {
  local host=$2 port=$3 w=$4 c=$5 file protocol=simple out tps lat pids c0 c1 t0 t1 cur cpu pb outfile
  case $w in
    point-simple) file=$POINT ;;
    point-prepared) file=$POINT protocol=prepared ;;
    join3) file=$JOIN3 ;;
    sort) file=$SORT ;;
    agg) file=$AGG ;;
    *) echo "unknown workload $w" >&2; exit 2 ;;
  esac
  outfile=$(mktemp /tmp/sqlbench.XXXXXX.out)
  BENCH_TMP_FILES+=("$outfile")
  "$PGBENCH" -n -f "$file" -M "$protocol" -c "$c" -j $((c < 2 ? 1 : 2)) -T "$SECONDS_" \
      -h "$host" -p "$port" -U "$BENCH_USER" postgres >"$outfile" 2>&1 &
  pb=$!
  pids=()
  if ((SECONDS_ >= 3)); then
    sleep 1
    mapfile -t pids < <(sql "$host" "$port" \
        "SELECT pid FROM pg_stat_activity WHERE application_name = 'pgbench'" 2>/dev/null || true)
  fi
  # Sampled while pgbench runs: PostgreSQL's backends are gone once it has disconnected.
  c0=$(cpu_ticks "${pids[@]}") t0=$(now) c1=$c0 t1=$t0
  while ((${#pids[@]})) && kill -0 "$pb" 2>/dev/null; do
    sleep 0.5
    cur=$(cpu_ticks "${pids[@]}")
    [[ -n $cur ]] && kill -0 "$pb" 2>/dev/null && { c1=$cur; t1=$(now); }
  done
  if wait "$pb"; then
    out=$(cat "$outfile")
    tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out" | tail -1)
    lat=$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' <<<"$out" | tail -1)
    if ((${#pids[@]})) && [[ -n $c0 ]]; then
      # transactions of the window at the run's average rate
      cpu=$(awk -v d=$((c1 - c0)) -v hz="$CLK_TCK" -v tps="${tps:-0}" -v a="$t0" -v b="$t1" \
          'BEGIN { w = tps * (b - a); if (w > 0) printf "%.1f", d * 1e6 / hz / w; else print 0 }')
    fi
  else
    echo "# $1 $w $c: pgbench failed: $(tail -3 "$outfile" | tr '\n' ' ')" >&2
  fi
  echo "${tps:-0} ${lat:-0} ${cpu:-0}"
}

if ((WARMUP > 0)); then
  for t in "${targets[@]}"; do
    read -r label host port <<<"$t"
    for w in point-simple point-prepared; do
      read -r tps _ cpu < <(SECONDS_=$WARMUP run "$label" "$host" "$port" "$w" "$max_clients")
      echo "# $label: warm-up $w $max_clients clients ${WARMUP} s: $tps tps, $cpu us CPU/tx (not counted)"
    done
  done
fi

declare -A result=() cpu_us=()
rows=()
for w in $WORKLOADS; do
  clients=$CLIENTS
  [[ $w == point-* ]] || clients=1
  for c in $clients; do
    rows+=("$w $c")
    for t in "${targets[@]}"; do
      read -r label host port <<<"$t"
      read -r tps lat cpu < <(run "$label" "$host" "$port" "$w" "$c")
      echo "RESULT $label $w $c $tps $lat $cpu"
      result["$label $w $c"]=$tps
      cpu_us["$label $w $c"]=$cpu
    done
  done
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
echo
echo "# transactions per second, ${SECONDS_} s per run, scale $SCALE ($ROWS accounts); load average at the end:" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-16s %8s %12s %12s %14s %12s %12s %14s\n' workload clients tusk postgres tusk/postgres \
  tusk_us/tx pg_us/tx pg/tusk_cpu
for r in "${rows[@]}"; do
  read -r w c <<<"$r"
  printf '%-16s %8s %12s %12s %14s %12s %12s %14s\n' "$w" "$c" "${result["tusk $w $c"]}" "${result["postgres $w $c"]}" \
    "$(ratio "${result["tusk $w $c"]}" "${result["postgres $w $c"]}")" \
    "${cpu_us["tusk $w $c"]}" "${cpu_us["postgres $w $c"]}" \
    "$(ratio "${cpu_us["postgres $w $c"]}" "${cpu_us["tusk $w $c"]}")"
done
