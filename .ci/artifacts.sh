# Sourced by the checks that compile outside the reactor. Packages annotations, runtime and
# processor (incremental: nothing is recompiled after a full build) and sets
#   ANNOTATIONS_JAR, RUNTIME_JAR  the two jars a user compiles against
#   PROCESSOR_PATH                the processor and what it needs at compile time
# Expects to run from the repository root.

# .ci/run packages once for all checks and sets SCOPEGEN_ARTIFACTS_PACKAGED.
if [ -z "${SCOPEGEN_ARTIFACTS_PACKAGED:-}" ]; then
  mvn -B -q -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip -pl processor,runtime -am package \
    org.apache.maven.plugins:maven-dependency-plugin:3.9.0:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory=target/processor-path
fi

VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' annotations/pom.xml | head -n 1)
ANNOTATIONS_JAR=$PWD/annotations/target/scopegen-annotations-$VERSION.jar
RUNTIME_JAR=$PWD/runtime/target/scopegen-runtime-$VERSION.jar
PROCESSOR_PATH=$PWD/processor/target/scopegen-processor-$VERSION.jar
for jar in processor/target/processor-path/*.jar; do
  PROCESSOR_PATH=$PROCESSOR_PATH:$PWD/$jar
done
for jar in "$ANNOTATIONS_JAR" "$RUNTIME_JAR"; do
  [ -f "$jar" ] || { echo "missing $jar" >&2; exit 1; }
done
export VERSION ANNOTATIONS_JAR RUNTIME_JAR PROCESSOR_PATH
