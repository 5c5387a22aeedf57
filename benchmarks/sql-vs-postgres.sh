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
#   point-*   SELECT abalance FROM pgbench_accounts WHERE aid = :aid      (1 and 8 clients)
#   join3     accounts x branches x tellers for 1000 accounts, GROUP BY teller (1 client)
#   sort      all accounts ORDER BY bid DESC, aid % 1000, aid, OFFSET past the end (1 client)
#   agg       count / sum / avg of all accounts GROUP BY bid (1 client)
# Prints "RESULT <server> <workload> <clients> <tps> <latency_ms>" per run and a table of
# ratios tusk/postgres (tps; > 1 means Tusk is faster). Everything it starts is stopped on exit.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"

SCALE=10 SECONDS_=15 CLIENTS='1 8' WORKLOADS='point-simple point-prepared join3 sort agg' WARMUP=10
while (($#)); do
  case $1 in
    --scale) SCALE=$2; shift 2 ;;
    --seconds) SECONDS_=$2; shift 2 ;;
    --clients) CLIENTS=$2; shift 2 ;;
    --workloads) WORKLOADS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
bench_init

ROWS=$((100000 * SCALE))
max_clients=$(tr ' ' '\n' <<<"$CLIENTS" | sort -n | tail -1)
start_tusk T "shared_buffers=256MB" "backend_pool_min_idle=2" "backend_pool_max_idle=$((max_clients + 2))"
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

# run LABEL HOST PORT WORKLOAD CLIENTS: one pgbench run; prints "tps latency"
run() {
  local host=$2 port=$3 w=$4 c=$5 file protocol=simple out tps lat
  case $w in
    point-simple) file=$POINT ;;
    point-prepared) file=$POINT protocol=prepared ;;
    join3) file=$JOIN3 ;;
    sort) file=$SORT ;;
    agg) file=$AGG ;;
    *) echo "unknown workload $w" >&2; exit 2 ;;
  esac
  if out=$("$PGBENCH" -n -f "$file" -M "$protocol" -c "$c" -j $((c < 2 ? 1 : 2)) -T "$SECONDS_" \
      -h "$host" -p "$port" -U "$BENCH_USER" postgres 2>&1); then
    tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out" | tail -1)
    lat=$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' <<<"$out" | tail -1)
  else
    echo "# $1 $w $c: pgbench failed: $(tail -3 <<<"$out" | tr '\n' ' ')" >&2
  fi
  echo "${tps:-0} ${lat:-0}"
}

if ((WARMUP > 0)); then
  for t in "${targets[@]}"; do
    read -r label host port <<<"$t"
    for w in point-simple point-prepared; do
      read -r tps _ < <(SECONDS_=$WARMUP run "$label" "$host" "$port" "$w" "$max_clients")
      echo "# $label: warm-up $w $max_clients clients ${WARMUP} s: $tps tps (not counted)"
    done
  done
fi

declare -A result=()
rows=()
for w in $WORKLOADS; do
  clients=$CLIENTS
  [[ $w == point-* ]] || clients=1
  for c in $clients; do
    rows+=("$w $c")
    for t in "${targets[@]}"; do
      read -r label host port <<<"$t"
      read -r tps lat < <(run "$label" "$host" "$port" "$w" "$c")
      echo "RESULT $label $w $c $tps $lat"
      result["$label $w $c"]=$tps
    done
  done
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
echo
echo "# transactions per second, ${SECONDS_} s per run, scale $SCALE ($ROWS accounts)"
printf '%-16s %8s %12s %12s %14s\n' workload clients tusk postgres tusk/postgres
for r in "${rows[@]}"; do
  read -r w c <<<"$r"
  printf '%-16s %8s %12s %12s %14s\n' "$w" "$c" "${result["tusk $w $c"]}" "${result["postgres $w $c"]}" \
    "$(ratio "${result["tusk $w $c"]}" "${result["postgres $w $c"]}")"
done
