#!/usr/bin/env bash
# The load suite against a baseline commit and then against this working tree, one after the
# other on the same machine, so the two columns of docs/benchmarks.md come from one run:
#
#     bash src/load/before-after.sh BASELINE_REF
#
# The baseline is exported (git archive) to target/load-baseline and packaged there; both runs
# use this tree's load suite (src/load), so only the gateway differs. Reports:
# target/gatling/before/ and target/gatling/after/, each with its summary.md. About 40 minutes.
set -euo pipefail

ref=${1:?usage: bash src/load/before-after.sh BASELINE_REF}
root=$(cd "$(dirname "$0")/../.." && pwd)
base=$root/target/load-baseline
warmup=${LOAD_WARMUP:-90}
duration=${LOAD_DURATION:-45}
jfr=${LOAD_JFR:-true}

rm -rf "$base" "$root/target/gatling/before" "$root/target/gatling/after"
mkdir -p "$base"
git -C "$root" archive "$ref" | tar -x -C "$base"
(cd "$base" && ./mvnw -B -q package -DskipTests)
(cd "$root" && ./mvnw -B -q package -DskipTests)

run() {
    local side=$1 tree=$2
    (cd "$root" && ./mvnw -B -f src/load/pom.xml verify \
        -Dgateway.root="$tree" \
        -Dgateway.jar="$tree/target/quarkus-app/quarkus-run.jar" \
        -Dload.results="$root/target/gatling/$side" \
        -Dload.warmup="$warmup" -Dload.duration="$duration" -Dload.jfr="$jfr")
}

run before "$base"
run after "$root"
echo "before: $root/target/gatling/before/summary.md"
echo "after:  $root/target/gatling/after/summary.md"
