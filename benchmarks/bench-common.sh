# Sourced by the whole-server benchmark scripts (insert-commit-rate.sh, recovery-time.sh):
# throwaway servers that are always stopped again. Each start_* function registers what it
# started; bench_cleanup (run by the EXIT trap that bench_init installs) stops every one of them,
# SIGKILLs whatever is left of their process trees (by pid) and removes their directories.
#
#   start_reference NAME [SETTING=VALUE ...]   a PostgreSQL 15 (initdb + pg_ctl, as the postgres
#                                              OS user when run as root); sets PG_<NAME>_PORT/_DIR
#   start_tusk NAME [SETTING=VALUE ...]        a Tusk server (./tusk init + start) in a temp dir;
#                                              sets TUSK_<NAME>_PORT/_DIR
#   kill9_server DATADIR                       kill -9 of the postmaster in DATADIR/postmaster.pid
#                                              and all its descendants, at once
#   start_again KIND DATADIR PORT              pg_ctl start / tusk start, returns when it accepts
#   sql HOST PORT SQL                          psql -X -At -c SQL as $BENCH_USER
# Environment: PGBIN (default /usr/lib/postgresql/15/bin), BENCH_USER (default tusk).
# shellcheck shell=bash

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
BENCH_USER=${BENCH_USER:-tusk}
PGBENCH=$(command -v pgbench || echo "$PGBIN/pgbench")
PSQL=$(command -v psql || echo "$PGBIN/psql")
RUN_AS=()
[[ $(id -u) == 0 ]] && RUN_AS=(runuser -u postgres --)
BENCH_PG_DIRS=() BENCH_TUSK_DIRS=() BENCH_TMP_FILES=()

bench_init() {
  [[ -x $PGBENCH ]] || { echo "pgbench not found (install postgresql-client)" >&2; exit 2; }
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM HUP
}

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

# descendants PID: PID and every process below it (one per line, parents first)
descendants() {
  local all
  all=$(ps -e -o pid=,ppid=)
  awk -v root="$1" '{ parent[$1] = $2 } END {
      queue[1] = root; n = 1; seen[root] = 1
      for (i = 1; i <= n; i++) { print queue[i]; for (p in parent) if (parent[p] == queue[i] && !(p in seen)) { seen[p] = 1; queue[++n] = p } } }' <<<"$all"
}

postmaster_pid() { sed -n 1p "$1/postmaster.pid" 2>/dev/null || true; }

# kill -9 of a server's whole process tree; waits until every one of them is gone
kill9_server() {
  local pm pids p waited=0
  pm=$(postmaster_pid "$1")
  [[ -n $pm ]] && kill -0 "$pm" 2>/dev/null || return 0
  # only a postmaster of this data directory (postmaster.pid may be stale and its pid reused)
  tr '\0' ' ' <"/proc/$pm/cmdline" 2>/dev/null | grep -qF -- "$1" || return 0
  local seg felix
  seg=$(sed -n 7p "$1/postmaster.pid" 2>/dev/null)
  felix=$(readlink "$1/pg_runtime/felix" 2>/dev/null || true)
  mapfile -t pids < <(descendants "$pm")
  kill -9 "${pids[@]}" 2>/dev/null || true
  for p in "${pids[@]}"; do
    while kill -0 "$p" 2>/dev/null && ((waited < 200)); do sleep 0.05; waited=$((waited + 1)); done
  done
  # a killed Tusk leaves its shared segment and bundle caches in /dev/shm (the next start of
  # the same data directory would remove them; a throwaway directory has no next start)
  [[ $(basename "${seg:-x}") == tusk-* ]] && rm -f "$seg"
  [[ $(basename "${felix:-x}") == tusk-felix-* ]] && rm -rf "$felix"
  return 0
}

sql() { "$PSQL" -X -q -At -v ON_ERROR_STOP=1 -h "$1" -p "$2" -U "$BENCH_USER" -d postgres -c "$3"; }

# wait_accepting PORT SECONDS: until SELECT 1 works (0) or the time is up (1)
wait_accepting() {
  local deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    sql 127.0.0.1 "$1" 'SELECT 1' >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  return 1
}

# start_reference NAME [SETTING=VALUE ...]
start_reference() {
  local name=$1; shift
  local dir port kv
  dir=$(mktemp -d /tmp/bench-pg.XXXXXX)
  chmod 755 "$dir"
  BENCH_PG_DIRS+=("$dir")
  if ((${#RUN_AS[@]})); then
    id postgres >/dev/null 2>&1 || { echo "running as root needs a 'postgres' user" >&2; exit 2; }
    chown postgres "$dir"
  fi
  port=$(free_port)
  "${RUN_AS[@]}" "$PGBIN/initdb" -D "$dir/data" -U "$BENCH_USER" --auth=trust -E UTF8 --locale=C >/dev/null
  {
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $port"
    echo "unix_socket_directories = '$dir'"
    echo "max_connections = 120"
    echo "fsync = on"
    echo "synchronous_commit = on"
    for kv in "$@"; do echo "${kv%%=*} = ${kv#*=}"; done
  } >>"$dir/data/postgresql.conf"
  "${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 120 start >/dev/null
  printf -v "PG_${name}_PORT" %s "$port"
  printf -v "PG_${name}_DIR" %s "$dir/data"
}

# start_tusk NAME [SETTING=VALUE ...]
start_tusk() {
  local name=$1; shift
  local dir port kv
  dir=$(mktemp -d /tmp/bench-tusk.XXXXXX)
  BENCH_TUSK_DIRS+=("$dir")
  port=$(free_port)
  TUSK_NO_BUILD=${TUSK_NO_BUILD-1} "$BENCH_ROOT/tusk" init -D "$dir" >/dev/null
  {
    echo "port = $port"
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = '$dir'"
    echo "fsync = on"
    echo "synchronous_commit = on"
    for kv in "$@"; do echo "${kv%%=*} = ${kv#*=}"; done
  } >>"$dir/tusk.conf"
  TUSK_NO_BUILD=${TUSK_NO_BUILD-1} "$BENCH_ROOT/tusk" start -D "$dir" -p "$port" >/dev/null
  printf -v "TUSK_${name}_PORT" %s "$port"
  printf -v "TUSK_${name}_DIR" %s "$dir"
}

# start_again postgres|tusk DATADIR PORT: starts a stopped or killed server; does not wait for
# recovery to finish beyond what pg_ctl -w / tusk start wait for (use wait_accepting)
start_again() {
  case $1 in
    postgres) "${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$2" -l "$(dirname "$2")/log" -w -t 3600 start >/dev/null 2>&1 || true ;;
    tusk) TUSK_NO_BUILD=${TUSK_NO_BUILD-1} "$BENCH_ROOT/tusk" start -D "$2" -p "$3" >/dev/null 2>&1 || true ;;
  esac
}

# stop_server postgres|tusk DATADIR [MODE]
stop_server() {
  local mode=${3:-fast}
  case $1 in
    postgres) "${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$2" -m "$mode" -w -t 120 stop >/dev/null 2>&1 || true ;;
    tusk) TUSK_NO_BUILD=1 "$BENCH_ROOT/tusk" stop -D "$2" -m "$mode" >/dev/null 2>&1 || true ;;
  esac
  kill9_server "$2"
}

bench_cleanup() {
  local d f
  for d in "${BENCH_PG_DIRS[@]}"; do
    [[ -d $d/data ]] && stop_server postgres "$d/data" immediate
    rm -rf "$d"
  done
  for d in "${BENCH_TUSK_DIRS[@]}"; do
    [[ -d $d ]] && stop_server tusk "$d" immediate
    rm -rf "$d"
  done
  for f in "${BENCH_TMP_FILES[@]}"; do rm -f "$f"; done
}

# lsn_bytes X/Y: the LSN as a byte position
lsn_bytes() { local hi=${1%/*} lo=${1#*/}; echo $(( (16#$hi << 32) + 16#$lo )); }

# pgbench_tps HOST PORT ARGS...: runs pgbench, prints the tps (0 when it failed)
pgbench_tps() {
  local host=$1 port=$2; shift 2
  local out tps
  if out=$("$PGBENCH" -h "$host" -p "$port" -U "$BENCH_USER" "$@" postgres 2>&1); then
    tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out" | tail -1)
  else
    echo "# pgbench against $host:$port failed: $(tail -3 <<<"$out" | tr '\n' ' ')" >&2
  fi
  echo "${tps:-0}"
}
