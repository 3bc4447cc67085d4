#!/usr/bin/env bash
# Ingest throughput on both store engines beside the peer: `watchkeeper
# ingest` (decode NMEA + store per-vessel tracks and identities, one
# transaction) into SQLite and into PostgreSQL (COPY into a staging table,
# then one INSERT ... SELECT ... ON CONFLICT DO NOTHING per batch), and the
# sqlite3 shell bulk-loading the same positions, already decoded, from CSV
# into a table with the same clustered key (and psql's \copy of that CSV into
# PostgreSQL, the COPY peer).
# Usage: bench/tracks_ingest_bench.sh [BUILD_DIR] [VESSELS] [DAYS]
# PostgreSQL: a throwaway cluster (tests/store/pg_cluster.sh), default settings
# (fsync on) except that the script's cluster has fsync off, as the tests'.
set -euo pipefail
build=${1:-build}
vessels=${2:-200}
days=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
chmod 755 "$dir"
cleanup() {
  "$here/../tests/store/pg_cluster.sh" stop "$dir/pg" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
"$build/watchkeeper" simulate --seed 1 --vessels "$vessels" --days "$days" --format both \
  --out "$dir/w" >/dev/null
bytes=$(cat "$dir"/w/ais-*.nmea | wc -c)

now() { date +%s.%N; }
t0=$(now)
summary=$("$build/watchkeeper" ingest "$dir"/w/ais-*.nmea --db "$dir/wk.db")
t1=$(now)
positions=$(echo "$summary" | sed 's/.*"positions_added":\([0-9]*\).*/\1/')

# PostgreSQL, when a cluster can be started here.
pg_positions=0 pg_a=0 pg_b=0 pgpeer_rows=0 pgpeer_a=0 pgpeer_b=0
"$here/../tests/store/pg_cluster.sh" start "$dir/pg" >/dev/null
if [ -f "$dir/pg/pg-url" ]; then
  admin=$(cat "$dir/pg/pg-url")
  psql -q "$admin" -c "CREATE DATABASE bench" -c "CREATE DATABASE peer" >/dev/null
  pg_url="${admin%/*}/bench"
  pg_a=$(now)
  pg_summary=$("$build/watchkeeper" ingest "$dir"/w/ais-*.nmea --db "$pg_url")
  pg_b=$(now)
  pg_positions=$(echo "$pg_summary" | sed 's/.*"positions_added":\([0-9]*\).*/\1/')
else
  echo "PostgreSQL: no cluster ($(cat "$dir/pg/pg-error" 2>/dev/null))" >&2
fi

# The peers: positions only, no decoding, no identities.
awk -F, 'FNR > 1 { split($1, d, "[/ :]");
  printf "%s,%d,%s,%s,%s\n", $3, mktime(d[3] " " d[2] " " d[1] " " d[4] " " d[5] " " d[6]), $4, $5, $8 }' \
  "$dir"/w/ais-*.csv >"$dir/positions.csv"
t2=$(now)
sqlite3 "$dir/peer.db" >/dev/null <<SQL
PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-131072;
CREATE TABLE p (mmsi INTEGER, time_s INTEGER, lat REAL, lon REAL, speed_kn REAL,
                PRIMARY KEY (mmsi, time_s, lat, lon)) WITHOUT ROWID;
BEGIN;
.mode csv
.import $dir/positions.csv p
COMMIT;
SQL
t3=$(now)
peer_rows=$(sqlite3 "$dir/peer.db" "SELECT count(*) FROM p")
if [ -f "$dir/pg/pg-url" ]; then
  peer_url="${admin%/*}/peer"
  psql -q "$peer_url" -c "CREATE TABLE p (mmsi BIGINT, time_s BIGINT, lat DOUBLE PRECISION,
    lon DOUBLE PRECISION, speed_kn DOUBLE PRECISION, PRIMARY KEY (mmsi, time_s, lat, lon))" >/dev/null
  # Duplicates (the simulator repeats some reports) are skipped as ingest does.
  pgpeer_a=$(now)
  psql -q "$peer_url" >/dev/null <<SQL
BEGIN;
CREATE TEMPORARY TABLE s (LIKE p) ON COMMIT DROP;
\\copy s FROM '$dir/positions.csv' WITH (FORMAT csv)
INSERT INTO p SELECT * FROM s ON CONFLICT DO NOTHING;
COMMIT;
SQL
  pgpeer_b=$(now)
  pgpeer_rows=$(psql -At "$peer_url" -c "SELECT count(*) FROM p")
fi
awk -v n="$positions" -v b="$bytes" -v a="$t0" -v c="$t1" -v pn="$peer_rows" -v d="$t2" -v e="$t3" \
    -v gn="$pg_positions" -v ga="$pg_a" -v gb="$pg_b" \
    -v qn="$pgpeer_rows" -v qa="$pgpeer_a" -v qb="$pgpeer_b" 'BEGIN {
  w = c - a; p = e - d;
  printf "tracks ingest, SQLite:      %d positions (%.1f MB NMEA) in %.2f s = %.0f positions/s (decode + store + identities)\n", n, b / 1e6, w, n / w;
  if (gn > 0) {
    g = gb - ga;
    printf "tracks ingest, PostgreSQL:  %d positions in %.2f s = %.0f positions/s (COPY into staging + INSERT ... ON CONFLICT)\n", gn, g, gn / g;
  }
  printf "sqlite3 .import (peer, pre-decoded CSV): %d rows in %.2f s = %.0f rows/s\n", pn, p, pn / p;
  if (qn > 0) {
    q = qb - qa;
    printf "psql \\copy + INSERT ... ON CONFLICT (peer, pre-decoded CSV): %d rows in %.2f s = %.0f rows/s\n", qn, q, qn / q;
  }
  printf "ratio (watchkeeper SQLite / sqlite3 .import): %.2f\n", (n / w) / (pn / p);
  if (gn > 0) {
    printf "ratio (watchkeeper PostgreSQL / sqlite3 .import): %.2f\n", (gn / g) / (pn / p);
    printf "ratio (watchkeeper PostgreSQL / watchkeeper SQLite): %.2f\n", (gn / g) / (n / w);
  }
  if (qn > 0) printf "ratio (watchkeeper PostgreSQL / psql \\copy peer): %.2f\n", (gn / g) / (qn / q) }'
