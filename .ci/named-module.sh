#!/usr/bin/env bash
# A consumer in a named module whose module-info says only
#   requires static dev.scopegen; requires dev.scopegen.runtime;
# compiled with plain javac (annotations and runtime on the module path, the processor on the
# processor path, every lint an error) and run on the module path with the runtime alone.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/artifacts.sh

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
javac --release 17 -Xlint:all,-processing -Werror \
  --module-path "$ANNOTATIONS_JAR:$RUNTIME_JAR" \
  --processor-path "$PROCESSOR_PATH" \
  -d "$out/classes" -s "$out/generated" \
  $(find .ci/sample -name '*.java')
echo "generated: $(cd "$out/generated" && find . -name '*.java' | sort | tr '\n' ' ')"
if grep -l 'javax.annotation.processing' -r "$out/generated"; then
  echo "generated code names java.compiler, which the module does not read" >&2
  exit 1
fi
java --module-path "$out/classes:$RUNTIME_JAR" -m example.app/example.app.Main

# The same run under a Flight Recorder recording: the runtime, a named module, records one
# dev.scopegen.Scope event per scope use, and the scopes behave as without it.
java -XX:StartFlightRecording:filename="$out/app.jfr" \
  --module-path "$out/classes:$RUNTIME_JAR" -m example.app/example.app.Main
jfr_tool="$(dirname "$(readlink -f "$(command -v java)")")/jfr"
outcomes=$("$jfr_tool" print --events dev.scopegen.Scope "$out/app.jfr" \
  | sed -n 's/^ *outcome = "\(.*\)"$/\1/p' | sort | tr '\n' ' ')
echo "recorded outcomes: $outcomes"
if [ "$outcomes" != "committed exited exited rolledBack suppressed " ]; then
  echo "expected the events committed, rolledBack, suppressed, exited, exited" >&2
  exit 1
fi
