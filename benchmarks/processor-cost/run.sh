#!/usr/bin/env bash
# What the ScopeGen processor adds to a javac run, per annotated class, beside AutoValue's.
#
# Writes COUNT (default 1,000) source classes for each processor (GenerateSources.java says which
# shapes; each makes its processor generate exactly one class), then compiles each set with javac in
# a fresh JVM, with annotation processing off (-proc:none) and on (the processor on an explicit
# -processorpath), REPS times (default 5), all runs interleaved in each repetition so that load from
# other processes spreads over all of them. The added time per class is
#   (median time with the processor - median time with -proc:none) / COUNT
# and the ratio is ScopeGen's added time over AutoValue's. A third run per set splits that time: the
# inputs together with the sources the processor generated (kept from a first run) compiled with
# -proc:none, which is what compiling the generated code costs; the rest of the added time is the
# processor itself, the extra rounds and the Filer.
#
# Two clocks: wall time, and CPU time (user + sys of the javac process, all of its threads). On a
# machine that other work shares, wall time swings with their load; CPU time counts only javac's
# own work (parsing, attribution, the processor, writing and compiling the generated classes, and
# the JIT compiling the processor's code), so the ratio is read off CPU time. javac runs with
# -J-XX:+UseSerialGC so that no parallel GC threads add to it.
#
# The input is deterministic (no randomness), and no source names a generated class, so both sets
# also compile without processing. ScopeGen comes from this reactor (packaged, never installed),
# AutoValue (AUTO_VALUE_VERSION, default 1.11.0) from Maven Central through the machine's Maven (copied into a
# temporary directory).
#
# With PHASES=1, two more runs per set and repetition stop javac after flow analysis
# (-XDshould-stop.ifNoError=FLOW: parsing, entering, attribution and flow, without desugaring and
# class writing), the inputs alone and the inputs with the generated sources, and the line of each
# set says how much of compiling the generated code those phases take. Attribution (type checking,
# overload resolution, inference) is where ScopeGen's generated code costs javac more than
# AutoValue's (README, "What the processor adds to a build").
#
# Usage: benchmarks/processor-cost/run.sh
#   COUNT=1000 REPS=5   classes per set, repetitions per configuration
#   PHASES=1            also time the phases up to flow analysis
#   JDKS="javac /usr/lib/jvm/temurin-25-jdk-amd64/bin/javac"   the compilers to measure
#   SCOPEGEN_ARTIFACTS_PACKAGED=1   skip packaging (the jars in */target are current)
# Each repetition is six javac runs (ten with PHASES=1) of about 2 to 13 s each on 2 idle cores:
# REPS=5 takes about 4 minutes per JDK, and several times that when other work keeps the cores busy.
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/artifacts.sh

COUNT=${COUNT:-1000}
REPS=${REPS:-5}
AUTO_VALUE_VERSION=${AUTO_VALUE_VERSION:-1.11.0}
if [ -z "${JDKS:-}" ]; then
  JDKS=javac
  [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/javac ] && JDKS="$JDKS /usr/lib/jvm/temurin-25-jdk-amd64/bin/javac"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Copies, so that a build while this runs does not change what it measures.
mkdir -p "$work/jars"
copy() {
  local copies=() jar
  for jar in $(echo "$1" | tr ':' ' '); do
    cp "$jar" "$work/jars/" && copies+=("$work/jars/$(basename "$jar")")
  done
  (IFS=:; echo "${copies[*]}")
}
ANNOTATIONS_JAR=$(copy "$ANNOTATIONS_JAR")
RUNTIME_JAR=$(copy "$RUNTIME_JAR")
PROCESSOR_PATH=$(copy "$PROCESSOR_PATH")
for artifact in auto-value auto-value-annotations; do
  mvn -B -q -N org.apache.maven.plugins:maven-dependency-plugin:3.9.0:copy \
    -Dartifact=com.google.auto.value:$artifact:$AUTO_VALUE_VERSION -DoutputDirectory="$work/lib" \
    > "$work/mvn.log" 2>&1 || { cat "$work/mvn.log" >&2; exit 1; }
done
AV_PROCESSOR=$work/lib/auto-value-$AUTO_VALUE_VERSION.jar
AV_ANNOTATIONS=$work/lib/auto-value-annotations-$AUTO_VALUE_VERSION.jar

java benchmarks/processor-cost/GenerateSources.java "$work/src" "$COUNT"
(cd "$work/src/scopegen" && find . -name '*.java' | sort) > "$work/scopegen.files"
(cd "$work/src/autovalue" && find . -name '*.java' | sort) > "$work/autovalue.files"

# compile JAVAC SET MODE: one javac run in a fresh JVM; appends "wall cpu" (seconds) to its results.
# MODE is none (the inputs, -proc:none), proc (the inputs, with the processor) or gen (the inputs and
# the generated sources, -proc:none); none-flow and gen-flow are none and gen stopped after flow
# analysis.
compile() {
  local javac=$1 set=$2 mode=$3 out=$work/out
  local cp processing files=$work/$set.files
  if [ "$set" = scopegen ]; then
    cp=$ANNOTATIONS_JAR:$RUNTIME_JAR
    processing=(-processorpath "$PROCESSOR_PATH")
  else
    cp=$AV_ANNOTATIONS
    processing=(-processorpath "$AV_PROCESSOR")
  fi
  [ "$mode" = proc ] || processing=(-proc:none)
  case $mode in gen | gen-flow) files=$work/$set.gen.files ;; esac
  case $mode in *-flow) processing+=(-XDshould-stop.ifNoError=FLOW) ;; esac
  rm -rf "$out" && mkdir -p "$out/classes" "$out/generated"
  local times
  times=$( { TIMEFORMAT='%R %U %S'; time (cd "$work/src/$set" && "$javac" -J-XX:+UseSerialGC \
      -encoding UTF-8 -cp "$cp" "${processing[@]}" -d "$out/classes" -s "$out/generated" \
      @"$files" > "$out/javac.log" 2>&1) ; } 2>&1 ) || {
    cat "$out/javac.log" >&2; echo "javac failed: $javac $set $mode" >&2; exit 1; }
  if [ "$mode" = proc ]; then
    local generated
    generated=$(find "$out/generated" -name '*.java' | wc -l)
    [ "$generated" -eq "$COUNT" ] || {
      cat "$out/javac.log" >&2; echo "$set generated $generated classes, not $COUNT" >&2; exit 1; }
  fi
  echo "$times" | awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' >> "$work/$set-$mode.times"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for javac in $JDKS; do
  version=$("$javac" -version 2>&1)
  echo "== $version ($javac), $COUNT classes per set, $REPS runs each"
  rm -f "$work"/*.times
  # A first run of each processor warms the file cache and keeps what it generated, for "gen".
  for set in scopegen autovalue; do
    compile "$javac" $set proc
    mkdir -p "$work/gen" && rm -rf "$work/gen/$set" && mv "$work/out/generated" "$work/gen/$set"
    { cat "$work/$set.files"; find "$work/gen/$set" -name '*.java' | sort; } > "$work/$set.gen.files"
  done
  rm -f "$work"/*.times
  for ((rep = 1; rep <= REPS; rep++)); do
    for config in "scopegen none" "scopegen proc" "scopegen gen" \
        "autovalue none" "autovalue proc" "autovalue gen"; do
      compile "$javac" $config
    done
    if [ "${PHASES:-}" = 1 ]; then
      for config in "scopegen none-flow" "scopegen gen-flow" \
          "autovalue none-flow" "autovalue gen-flow"; do
        compile "$javac" $config
      done
    fi
  done
  for clock in 1 2; do
    name=$([ $clock = 1 ] && echo wall || echo cpu)
    declare -A added=()
    for set in scopegen autovalue; do
      none=$(cut -d' ' -f$clock "$work/$set-none.times" | median)
      proc=$(cut -d' ' -f$clock "$work/$set-proc.times" | median)
      gen=$(cut -d' ' -f$clock "$work/$set-gen.times" | median)
      added[$set]=$(awk -v a="$proc" -v b="$none" -v n="$COUNT" 'BEGIN { printf "%.2f", (a - b) * 1000 / n }')
      compiling=$(awk -v a="$gen" -v b="$none" -v n="$COUNT" 'BEGIN { printf "%.2f", (a - b) * 1000 / n }')
      printf '  %-4s %-9s -proc:none %6.2f s, processor %6.2f s: added %5s ms per class' \
        "$name" "$set" "$none" "$proc" "${added[$set]}"
      printf ' (compiling the generated code alone: %s ms' "$compiling"
      if [ "${PHASES:-}" = 1 ]; then
        none_flow=$(cut -d' ' -f$clock "$work/$set-none-flow.times" | median)
        gen_flow=$(cut -d' ' -f$clock "$work/$set-gen-flow.times" | median)
        awk -v a="$gen_flow" -v b="$none_flow" -v n="$COUNT" \
          'BEGIN { printf ", of which up to attribution and flow: %.2f ms", (a - b) * 1000 / n }'
      fi
      printf ')\n'
    done
    awk -v s="${added[scopegen]}" -v a="${added[autovalue]}" -v c="$name" \
      'BEGIN { printf "  %-4s ratio ScopeGen / AutoValue: %.2fx\n", c, s / a }'
  done
done
