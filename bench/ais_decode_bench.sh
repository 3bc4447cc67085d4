#!/usr/bin/env bash
# AIS decoding speed and memory, ours and the peers side by side in one run.
#
# Builds a >= 100 MB NMEA file by repeating the real captures in
# ../shared/data/ais (in a temp dir, never committed), then times whole
# processes on the same file:
#   watchkeeper ais decode (JSON Lines)  vs  gpsdecode -s      (target >= 10x)
#   watchkeeper ais decode --format none vs  wc -l             (target >= 10%)
#   libais (python3-ais, ais.stream.decode) for reference
# and peak RSS for the 100 MB file vs a 200 MB one (memory must stay flat).
# Rates are sentences per second, the sentence count being ours (--stats).
#
# Usage: bench/ais_decode_bench.sh [BUILD_DIR] [MEGABYTES]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
megabytes="${2:-100}"
wk="$build/watchkeeper"
data="${WK_SHARED_DIR:-$root/../shared}/data/ais"
[ -x "$wk" ] || { echo "build $wk first (make build)" >&2; exit 2; }
[ -d "$data" ] || { echo "no real captures at $data" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
captures=$(ls "$data"/gpsd-regress/*.log "$data"/gpsd-regress/sample.aivdm "$data"/libais/*.nmea \
  "$data"/libais/test.aivdm "$data"/aisdb/* "$data"/dma-aislib/*)
big="$tmp/ais.nmea"
target=$((megabytes * 1024 * 1024))
: > "$big"
while [ "$(stat -c %s "$big")" -lt "$target" ]; do cat $captures >> "$big"; done
cat "$big" "$big" > "$tmp/ais2.nmea"

bytes=$(stat -c %s "$big")
sentences=$("$wk" ais decode --format none --stats "$big" 2>&1 >/dev/null | awk '/^sentences:/ {print $2}')
lines=$(wc -l < "$big")
printf 'input: %s MB, %s lines, %s AIS sentences (real captures repeated)\n' \
  "$((bytes / 1048576))" "$lines" "$sentences"

# Best wall-clock seconds of N runs of a command (stdout to /dev/null).
best() {
  local n=$1; shift
  local best_s=""
  for _ in $(seq "$n"); do
    local s
    /usr/bin/time -f '%e' -o "$tmp/time" "$@" > /dev/null 2>/dev/null
    s=$(tail -1 "$tmp/time")
    if [ -z "$best_s" ] || awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s; fi
  done
  echo "$best_s"
}
rate() { awk -v n="$1" -v s="$2" 'BEGIN{ if (s < 0.001) s = 0.001; printf "%.0f", n / s }'; }

cat > "$tmp/libais.py" <<'PY'
import sys, warnings
warnings.simplefilter("ignore")
import ais.stream
n = 0
with open(sys.argv[1], errors="replace") as f:
    for _ in ais.stream.decode(f, errorcb=lambda *a, **k: None):
        n += 1
print(n)
PY

t_json=$(best 3 "$wk" ais decode "$big")
t_none=$(best 3 "$wk" ais decode --format none "$big")
t_json1=$(best 3 "$wk" ais decode --threads 1 "$big")
t_none1=$(best 3 "$wk" ais decode --threads 1 --format none "$big")
t_json2=$(best 3 "$wk" ais decode --threads 2 "$big")
t_none2=$(best 3 "$wk" ais decode --threads 2 --format none "$big")
t_wc=$(best 3 wc -l "$big")
t_gpsd=$(best 1 sh -c "gpsdecode -s < '$big'")
t_libais=$(best 1 /usr/bin/python3 "$tmp/libais.py" "$big")

printf 'load average before the run: %s (2 cores shared: figures vary with load)\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '\n%-44s %9s %15s\n' "whole process, same file (best of 3; peers 1 run)" "seconds" "sentences/s"
printf '%-44s %9s %15s\n' "watchkeeper ais decode (jsonl, default)" "$t_json" "$(rate "$sentences" "$t_json")"
printf '%-44s %9s %15s\n' "  same, --threads 1" "$t_json1" "$(rate "$sentences" "$t_json1")"
printf '%-44s %9s %15s\n' "  same, --threads 2" "$t_json2" "$(rate "$sentences" "$t_json2")"
printf '%-44s %9s %15s\n' "gpsdecode -s (gpsd 3.22)" "$t_gpsd" "$(rate "$sentences" "$t_gpsd")"
printf '%-44s %9s %15s\n' "libais via python3-ais (ais.stream)" "$t_libais" "$(rate "$sentences" "$t_libais")"
printf '%-44s %9s %15s\n' "watchkeeper ais decode --format none (default)" "$t_none" "$(rate "$sentences" "$t_none")"
printf '%-44s %9s %15s\n' "  same, --threads 1" "$t_none1" "$(rate "$sentences" "$t_none1")"
printf '%-44s %9s %15s\n' "  same, --threads 2" "$t_none2" "$(rate "$sentences" "$t_none2")"
printf '%-44s %9s %15s\n' "wc -l" "$t_wc" "$(rate "$sentences" "$t_wc")"
awk -v a="$t_gpsd" -v b="$t_json" 'BEGIN{printf "\njsonl vs gpsdecode: %.1fx (target >= 10x)\n", a / b}'
awk -v a="$t_wc" -v b="$t_none" 'BEGIN{printf "--format none vs wc -l: %.1f%% of wc -l'"'"'s rate (target >= 10%%)\n", 100 * a / b}'
awk -v a="$t_libais" -v b="$t_json" 'BEGIN{printf "jsonl vs libais: %.1fx\n", a / b}'

rss() {
  /usr/bin/time -f '%M' -o "$tmp/rss" "$@" > /dev/null 2>/dev/null
  tail -1 "$tmp/rss"
}
r1=$(rss "$wk" ais decode "$big")
r2=$(rss "$wk" ais decode "$tmp/ais2.nmea")
printf '\npeak RSS, jsonl: %s KB for %s MB, %s KB for %s MB (flat: streaming)\n' \
  "$r1" "$((bytes / 1048576))" "$r2" "$((2 * bytes / 1048576))"
