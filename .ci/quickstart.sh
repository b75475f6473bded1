#!/usr/bin/env bash
# The README's Quickstart, as a user follows it: a fresh project outside the reactor whose pom is
# the README's Quickstart XML exactly as written (between the quickstart-pom markers), built with
# the machine's Maven against ScopeGen installed into a private local repository, then run.
# The project's scope is entered with call, run and use (.ci/quickstart/).
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
user_repo=${MAVEN_USER_REPO:-$HOME/.m2/repository}

# A private local repository, so that nothing in the user's changes. Plugins and libraries come
# from the user's repository, read as a file:// remote (fast, no network), then from Central. It
# is kept between runs (what Central alone has is downloaded once), but ScopeGen is always
# installed afresh.
repo=${SCOPEGEN_CI_CACHE:-$HOME/.cache/scopegen-ci}/quickstart-repository
rm -rf "$repo/dev/scopegen"
mkdir -p "$repo"
cat > "$work/settings.xml" <<XML
<settings>
  <localRepository>$repo</localRepository>
  <profiles>
    <profile>
      <id>user-repository</id>
      <repositories>
        <repository>
          <id>user-repository</id>
          <url>file://$user_repo</url>
          <snapshots><enabled>false</enabled></snapshots>
        </repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository>
          <id>user-repository</id>
          <url>file://$user_repo</url>
          <snapshots><enabled>false</enabled></snapshots>
        </pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles>
    <activeProfile>user-repository</activeProfile>
  </activeProfiles>
</settings>
XML
mvn_private() { mvn -B -q -s "$work/settings.xml" "$@"; }

mvn -B -v | sed -n 1p
SECONDS=0
mvn_private -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip \
  -pl bom,annotations,runtime,processor -am install
echo "installed ScopeGen into a private repository in ${SECONDS}s"

snippet=$(awk '/<!-- quickstart-pom:begin/ {on = 1; next} /<!-- quickstart-pom:end/ {on = 0} on && !/^```/' README.md)
[ -n "$snippet" ] || { echo "no Quickstart XML between the quickstart-pom markers in README.md" >&2; exit 1; }
project=$work/project
mkdir -p "$project/src/main/java"
cp -r .ci/quickstart/. "$project/src/main/java/"
{
  echo '<project xmlns="http://maven.apache.org/POM/4.0.0">'
  echo '<modelVersion>4.0.0</modelVersion>'
  echo '<groupId>com.example</groupId>'
  echo '<artifactId>quickstart</artifactId>'
  echo '<version>1</version>'
  echo '<properties><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>'
  echo "$snippet"
  echo '</project>'
} > "$project/pom.xml"

SECONDS=0
(cd "$project" && mvn_private package)
echo "built the Quickstart project in ${SECONDS}s"
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
java -cp "$project/target/classes:$repo/dev/scopegen/scopegen-runtime/$version/scopegen-runtime-$version.jar" \
  com.example.Main
