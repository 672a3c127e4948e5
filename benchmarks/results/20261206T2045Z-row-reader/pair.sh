#!/bin/bash
# usage: pair.sh N cpA cpB main  -> medians of A, B and the hand-written program, in ms
# OUTFILE: where the rounds go (A B HW, tenths of ms); HWCP: the class path of the hand-written program
J=${J:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
N=$1; A=$2; B=$3; M=$4; HW=${HW:-dev.stepgraph.bench.run10000.HandWritten10000}
t() { local s=$(date +%s%N); "$@" >/dev/null 2>&1; echo $(( ($(date +%s%N)-s)/100000 )); }
: > "$OUTFILE"; for i in $(seq 1 $N); do
  if (( i % 2 )); then a=$(t $J -cp $A $M run --no-state); b=$(t $J -cp $B $M run --no-state); else b=$(t $J -cp $B $M run --no-state); a=$(t $J -cp $A $M run --no-state); fi
  c=$(t $J -cp "$HWCP" $HW)
  echo "$a $b $c" >> "$OUTFILE"
done
python3 -c "
import statistics as s
r=[list(map(int,l.split())) for l in open('$OUTFILE')]
a,b,c=[s.median(x[i] for x in r)/10 for i in range(3)]
print(f'median A {a:.1f} B {b:.1f} HW {c:.1f} ms  A/HW {a/c:.2f} B/HW {b/c:.2f}  B/A pairwise {s.median(x[1]/x[0] for x in r):.3f}')"
