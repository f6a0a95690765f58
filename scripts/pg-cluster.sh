#!/bin/sh
# pg-cluster.sh CMD [ARG...] — run CMD beside a throw-away PostgreSQL server.
#
# A fresh cluster in a temporary folder (initdb, pg_ctl), listening only on
# a Unix socket in that folder (no TCP port), trust authentication (a test
# server with no data worth a password), owned by an unprivileged user: initdb and postgres refuse to run as root, so as root
# they run as PG_USER (default nobody) through setpriv, as
# scripts/lo-profile.sh does for soffice. The server is stopped and the
# folder removed when CMD ends, also on failure or interruption (trap).
#
# CMD sees:
#   SG_TEST_PG       URI of the superuser's "postgres" database (tests create
#                    their own databases from it)
#   SG_TEST_PG_HOST  the socket folder (host= in a URI)
#   SG_TEST_PG_CTL   a command running pg_ctl for this cluster as its owner:
#                    "$SG_TEST_PG_CTL stop -m fast", "$SG_TEST_PG_CTL start"
# Exit status: CMD's (2 when the cluster cannot be started).
set -eu
[ $# -gt 0 ] || { echo "usage: $0 CMD [ARG...]" >&2; exit 2; }
PG_USER=${PG_USER:-nobody}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1)}
[ -x "$PG_BIN/initdb" ] || { echo "pg-cluster: no initdb (install postgresql)" >&2; exit 2; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/sg-pg-XXXXXX")
chmod 755 "$dir"
if [ "$(id -u)" -eq 0 ]; then
  chown "$PG_USER" "$dir"
  pg_gid=$(id -g "$PG_USER")
  AS_OWNER="setpriv --reuid=$PG_USER --regid=$pg_gid --clear-groups env -i PATH=/usr/bin:/bin LANG=C.UTF-8"
else
  AS_OWNER="env"
fi
# The pg_ctl wrapper the tests use to stop and start the server.
cat > "$dir/ctl.sh" << CTL
#!/bin/sh
cd "$dir" && exec $AS_OWNER "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \\
  -o "-k $dir -c listen_addresses= -c max_connections=60 -c fsync=on" "\$@"
CTL
chmod 755 "$dir/ctl.sh"

stop_cluster() {
  "$dir/ctl.sh" stop -m immediate > /dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop_cluster EXIT
trap 'exit 130' INT TERM

if ! (cd "$dir" && $AS_OWNER "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 \
  --locale=C.UTF-8 > "$dir/initdb.log" 2>&1); then
  cat "$dir/initdb.log" >&2
  echo "pg-cluster: initdb failed" >&2
  exit 2
fi
if ! "$dir/ctl.sh" start > "$dir/start.log" 2>&1; then
  cat "$dir/start.log" "$dir/server.log" >&2 || true
  echo "pg-cluster: the server did not start" >&2
  exit 2
fi
export SG_TEST_PG="postgresql:///postgres?host=$dir&user=postgres"
export SG_TEST_PG_HOST="$dir"
export SG_TEST_PG_CTL="$dir/ctl.sh"
echo "pg-cluster: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on $dir"
rc=0
"$@" || rc=$?
exit "$rc"
