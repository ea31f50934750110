#!/usr/bin/env bash
# Rebuilds parley-plugin-api-1.0.0.jar, the baseline japicmp compares plugin-api against (see plugin-api/pom.xml):
# the plugin API as released in 1.0.0, commit f9dc1ca ("messaging plugin API v1"; PluginApi.VERSION "1.0.0", the
# API unchanged until 9786129 made 1.1.0). The jar is kept in the repository so that the check runs offline and
# on shallow clones; this script only says, and redoes, how it was made. Needs git history, a JDK 21+ and PF4J
# 3.15.0 in ~/.m2 (any ./mvnw build puts it there).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
commit=f9dc1ca
pf4j="${HOME}/.m2/repository/org/pf4j/pf4j/3.15.0/pf4j-3.15.0.jar"
[ -f "$pf4j" ] || { echo "PF4J 3.15.0 is not in ~/.m2: run ./mvnw -pl plugin-api package first" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git -C "$here/../.." archive "$commit" plugin-api/src/main/java | tar -x -C "$work"
javac --release 21 -nowarn -d "$work/classes" -cp "$pf4j" $(find "$work/plugin-api/src/main/java" -name '*.java')
# a fixed date: the same sources give the same jar
jar --create --date=2026-01-01T00:00:00Z --file "$here/parley-plugin-api-1.0.0.jar" -C "$work/classes" .
echo "wrote $here/parley-plugin-api-1.0.0.jar"
