#!/usr/bin/env bash
# Ingest throughput: `watchkeeper ingest` (decode NMEA + store per-vessel
# tracks and identities, one transaction) beside the peer, the sqlite3 shell
# bulk-loading the same positions, already decoded, from CSV into a table
# with the same clustered key. Usage: bench/tracks_ingest_bench.sh [BUILD_DIR] [VESSELS] [DAYS]
set -euo pipefail
build=${1:-build}
vessels=${2:-200}
days=${3:-3}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$build/watchkeeper" simulate --seed 1 --vessels "$vessels" --days "$days" --format both \
  --out "$dir/w" >/dev/null
bytes=$(cat "$dir"/w/ais-*.nmea | wc -c)

now() { date +%s.%N; }
t0=$(now)
summary=$("$build/watchkeeper" ingest "$dir"/w/ais-*.nmea --db "$dir/wk.db")
t1=$(now)
positions=$(echo "$summary" | sed 's/.*"positions_added":\([0-9]*\).*/\1/')

# The peer: positions only, no decoding, no identities.
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
awk -v n="$positions" -v b="$bytes" -v a="$t0" -v c="$t1" -v pn="$peer_rows" -v d="$t2" -v e="$t3" 'BEGIN {
  w = c - a; p = e - d;
  printf "tracks ingest: %d positions (%.1f MB NMEA) in %.2f s = %.0f positions/s (decode + store + identities)\n", n, b / 1e6, w, n / w;
  printf "sqlite3 .import (peer, pre-decoded CSV): %d rows in %.2f s = %.0f rows/s\n", pn, p, pn / p;
  printf "ratio (watchkeeper / peer): %.2f\n", (n / w) / (pn / p) }'
