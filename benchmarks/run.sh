#!/usr/bin/env bash
# Runs every Stepgraph benchmark and writes the results to benchmarks/results/<UTC time>/.
# See BENCHMARKS.md. Needs the processor and runtime installed in ~/.m2, built with JDK 21+ so the
# runtime jar holds its virtual-thread classes (JAVA_HOME=<JDK 25> mvn -DskipTests install at the
# root); that also packages the example connector that start-up runs.
#
#   benchmarks/run.sh                 # everything (about 14 minutes on 2 cores)
#   benchmarks/run.sh compile jmh     # only some parts: machine compile jmh heap store startup
#
# Environment: JAVA_HOME (default: the JDK of `javac` on PATH) builds and runs everything;
# EXTRA_JDKS (default: /usr/lib/jvm/temurin-25-jdk-amd64 when present) also runs the JMH and heap
# benchmarks on those JDKs; COMPILE_REPS (5; COMPILE_REPS_10K 3 at 10,000 steps), STARTUP_REPS (20).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/benchmarks
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
export JAVA_HOME
DEFAULT_EXTRA=""
[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && [ "$(readlink -f "$JAVA_HOME")" != /usr/lib/jvm/temurin-25-jdk-amd64 ] \
  && DEFAULT_EXTRA=/usr/lib/jvm/temurin-25-jdk-amd64
EXTRA_JDKS=${EXTRA_JDKS-$DEFAULT_EXTRA}
COMPILE_REPS=${COMPILE_REPS:-5}
COMPILE_REPS_10K=${COMPILE_REPS_10K:-3}
STARTUP_REPS=${STARTUP_REPS:-20}
PARTS=${*:-machine compile jmh heap store startup}
OUT=$BENCH/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
JAR=$BENCH/target/benchmarks.jar
log() { echo "== $(date -u +%H:%M:%S) $*" | tee -a "$OUT/run.log"; }
want() { [[ " $PARTS " == *" $1 "* ]]; }
jdk_name() { "$1/bin/java" -version 2>&1 | head -n 1 | tr -d '"' | awk '{print $1"-"$3}'; }

log "results in $OUT; parts: $PARTS"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory: $(free -g | awk '/^Mem:/{print $2" GiB"}')"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  for jdk in "$JAVA_HOME" $EXTRA_JDKS; do echo "jdk: $jdk: $("$jdk/bin/java" -version 2>&1 | tr '\n' ' ')"; done
  echo "git: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo none)"
  for m in annotations runtime processor; do
    f=~/.m2/repository/dev/stepgraph/stepgraph-$m/0.1.0-SNAPSHOT/stepgraph-$m-0.1.0-SNAPSHOT.jar
    echo "stepgraph-$m jar: $(date -u -r "$f" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || echo missing) $(sha256sum "$f" 2>/dev/null | cut -c1-12)"
  done
} > "$OUT/machine.txt"
cat "$OUT/machine.txt"

log "building benchmarks (generates the connectors, compiles them through the processor)"
mvn -B -q -f "$BENCH/pom.xml" -DskipTests package 2>&1 | tee -a "$OUT/run.log"

if want compile; then
  log "compile time: javac with and without the processor"
  mvn -B -q -f "$BENCH/src/classpath/processor-path.xml" \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile="$OUT/processorpath.txt" >/dev/null
  mvn -B -q -f "$BENCH/src/classpath/compile-classpath.xml" \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
  # Copies of the jars: a reinstall in ~/.m2 during the run must not change what is measured.
  snapshot() {
    local dir=$BENCH/target/compile-bench/$2 jars path=""
    rm -rf "$dir" && mkdir -p "$dir"
    IFS=: read -ra jars < "$1"
    for j in "${jars[@]}"; do cp "$j" "$dir/"; path="$path${path:+:}$dir/$(basename "$j")"; done
    (cd "$dir" && sha256sum ./*.jar | sed "s|^|$2: |") >> "$OUT/machine.txt"
    echo "$path"
  }
  PROCESSORPATH=$(snapshot "$OUT/processorpath.txt" processorpath)
  CLASSPATH_=$(snapshot "$OUT/classpath.txt" classpath)
  "$JAVA_HOME/bin/java" "$BENCH/src/scripts/ProcessBench.java" compile \
    --generator "$BENCH/src/generator/GenerateConnector.java" --work "$BENCH/target/compile-bench" \
    --javac "$JAVA_HOME/bin/javac" --processorpath "$PROCESSORPATH" \
    --classpath "$CLASSPATH_" --sizes 100,1000,10000 --reps "$COMPILE_REPS" --reps-10000 "$COMPILE_REPS_10K" \
    --out "$OUT/compile-$(jdk_name "$JAVA_HOME").md" 2>&1 | tee -a "$OUT/run.log"
  log "compile time: what data contracts add at 1,000 steps"
  "$JAVA_HOME/bin/java" "$BENCH/src/scripts/ProcessBench.java" contracts \
    --generator "$BENCH/src/generator/GenerateConnector.java" --work "$BENCH/target/compile-bench/contracts-bench" \
    --javac "$JAVA_HOME/bin/javac" --processorpath "$PROCESSORPATH" \
    --classpath "$CLASSPATH_" --size 1000 --reps "$COMPILE_REPS" \
    --out "$OUT/contracts-$(jdk_name "$JAVA_HOME").md" 2>&1 | tee -a "$OUT/run.log"
fi

if want jmh; then
  for jdk in "$JAVA_HOME" $EXTRA_JDKS; do
    name=$(jdk_name "$jdk")
    log "JMH on $name (load $(cut -d' ' -f1-3 /proc/loadavg))"
    "$jdk/bin/java" -jar "$JAR" -prof gc -rf json -rff "$OUT/jmh-$name.json" \
      'SchedulerBenchmark|ConcurrencyBenchmark|MakespanBenchmark|PriorData.*Benchmark' 2>&1 | tee "$OUT/jmh-$name.txt" \
      | grep -E '^(Benchmark|[A-Z][A-Za-z]+Benchmark\.)|^# (Run|JMH|VM version)' | grep -v 'gc\.\(count\|time\|alloc.rate \)' || true
  done
fi

if want heap; then
  for jdk in "$JAVA_HOME" $EXTRA_JDKS; do
    name=$(jdk_name "$jdk")
    log "retained heap of prior data on $name"
    # One round per JVM: later rounds in the same JVM were not reproducible (data of an earlier
    # round stayed reachable for a while), so three fresh JVMs per implementation instead.
    for rep in 1 2 3; do
      for impl in stepgraph hashmap; do
        "$jdk/bin/java" -XX:+UseSerialGC -Xms4g -Xmx4g -cp "$JAR" dev.stepgraph.bench.PriorDataHeap "$impl" 1 \
          2>&1 | tee -a "$OUT/heap-$name.txt"
      done
    done
  done
fi

if want store; then
  for jdk in "$JAVA_HOME" $EXTRA_JDKS; do
    name=$(jdk_name "$jdk")
    log "run store against --no-state on $name (load $(cut -d' ' -f1-3 /proc/loadavg))"
    # Interleaved pairs in one JVM: the 1,000,000-entity prior-data run and 10,000 no-op steps,
    # each with a directory store (on disk, under target/) and without one.
    "$jdk/bin/java" -Xms6g -Xmx6g -cp "$JAR" dev.stepgraph.bench.StoreCost \
      "$BENCH/target/store-cost-$name" both 2>&1 | tee "$OUT/store-$name.txt"
    rm -rf "$BENCH/target/store-cost-$name"
  done
fi

if want startup; then
  EXAMPLE=$ROOT/example-connector/target/stepgraph-example-connector-0.1.0-SNAPSHOT.jar
  if [ ! -f "$EXAMPLE" ]; then
    log "start-up SKIPPED: $EXAMPLE is missing (run mvn -DskipTests package at the root first)"
  else
    log "start-up: ConnectorMain plan against hello world"
    mkdir -p "$OUT/hello"
    "$JAVA_HOME/bin/javac" -d "$OUT/hello" "$BENCH/src/startup/Hello.java"
    "$JAVA_HOME/bin/java" -jar "$EXAMPLE" plan > "$OUT/plan-output.txt" 2>&1
    "$JAVA_HOME/bin/java" "$BENCH/src/scripts/ProcessBench.java" startup --reps "$STARTUP_REPS" --warmup 3 \
      --out "$OUT/startup-$(jdk_name "$JAVA_HOME").md" \
      "hello=$JAVA_HOME/bin/java -cp $OUT/hello Hello" \
      "plan=$JAVA_HOME/bin/java -jar $EXAMPLE plan" 2>&1 | tee -a "$OUT/run.log"
  fi
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
log "done: $OUT (load $(cut -d' ' -f1-3 /proc/loadavg))"
