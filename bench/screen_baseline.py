#!/usr/bin/python3
"""Brute-force screening baseline: every list name scored with Jaro-Winkler
(python3-jellyfish), as a user without an index would write it.

usage: screen_baseline.py NAMES.tsv QUERIES.tsv THRESHOLD
NAMES.tsv: entity_id<TAB>name; QUERIES.tsv: query<TAB>expected_id ('' = negative).
Prints one line: queries, seconds, tp, fn, fp, tn."""
import sys
import time

import jellyfish


def main():
    names_path, queries_path, threshold = sys.argv[1], sys.argv[2], float(sys.argv[3])
    names = []
    with open(names_path, encoding="utf-8") as f:
        for line in f:
            eid, name = line.rstrip("\n").split("\t", 1)
            names.append((eid, name.lower()))
    queries = []
    with open(queries_path, encoding="utf-8") as f:
        for line in f:
            q, expected = line.rstrip("\n").split("\t", 1)
            queries.append((q.lower(), expected))
    tp = fn = fp = tn = 0
    jw = jellyfish.jaro_winkler_similarity
    start = time.perf_counter()
    for q, expected in queries:
        hits = set()
        for eid, name in names:
            if jw(q, name) >= threshold:
                hits.add(eid)
        if expected:
            if expected in hits:
                tp += 1
            else:
                fn += 1
                if hits:
                    fp += 1
        elif hits:
            fp += 1
        else:
            tn += 1
    seconds = time.perf_counter() - start
    print(f"{len(queries)} {seconds:.3f} {tp} {fn} {fp} {tn}")


if __name__ == "__main__":
    main()
