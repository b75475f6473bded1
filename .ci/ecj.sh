#!/usr/bin/env bash
# The Eclipse compiler (ECJ, the batch compiler of Eclipse's Java tooling) runs the processor on
# the sample (class scopes, sync and async; generators, blocking and async), then the sample runs.
# Fails on any ECJ warning, generated code included, and unless the processor's note says once
# which checks cannot run without javac's tree API.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/artifacts.sh

ECJ_VERSION=3.44.0
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mvn -B -q -N org.apache.maven.plugins:maven-dependency-plugin:3.9.0:copy \
  -Dartifact=org.eclipse.jdt:ecj:$ECJ_VERSION -DoutputDirectory="$out"

# ECJ's -processorpath is ignored when it runs on JDK 9 or later (it loads processors from the
# processor module path whenever that location exists, even empty), so the processor goes there;
# it is loaded as plain jars either way.
set +e
java -jar "$out/ecj-$ECJ_VERSION.jar" -17 -encoding UTF-8 \
  --processor-module-path "$PROCESSOR_PATH" \
  -cp "$ANNOTATIONS_JAR:$RUNTIME_JAR" \
  -d "$out/classes" -s "$out/generated" \
  $(find .ci/sample -name '*.java' ! -name module-info.java) > "$out/ecj.log" 2>&1
status=$?
set -e
cat "$out/ecj.log"
[ "$status" -eq 0 ] || { echo "ECJ failed ($status)" >&2; exit 1; }
echo "generated: $(cd "$out/generated" && find . -name '*.java' | sort | tr '\n' ' ')"
if grep -q 'WARNING in' "$out/ecj.log"; then
  echo "ECJ warns (see above); generated code must compile without warnings" >&2
  exit 1
fi
notes=$(grep -c 'INFO: ScopeGen cannot read method bodies' "$out/ecj.log" || true)
if [ "$notes" -ne 1 ]; then
  echo "expected one note about the checks that need javac's tree API, got $notes" >&2
  exit 1
fi
java -cp "$out/classes:$RUNTIME_JAR" example.app.Main
