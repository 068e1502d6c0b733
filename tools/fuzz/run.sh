#!/usr/bin/env bash
# Fuzzes the Jazzer targets for real, one after the other, each for DURATION (e.g. 20m, 1h), at low
# priority. Findings (crash-*, timeout-* files) land in the target's committed corpus folder
#   src/test/resources/io/github/inceptioncam/<package>/<Class>Inputs/<method>/
# which `mvn verify` replays as regression tests; the inputs that grew coverage go to .cifuzz-corpus/.
# Logs (with libFuzzer's execution counts) go to target/fuzz/<target>.log. Each input has the targets'
# @Timeout (10 s) as libFuzzer's -timeout; JUnit's own timeout is off here, as it would count the whole run.
#
#   tools/fuzz/run.sh DURATION [Class#method ...]        (default: every target)
set -u
cd "$(dirname "$0")/../.."
duration=${1:?usage: tools/fuzz/run.sh DURATION [Class#method ...], e.g. tools/fuzz/run.sh 20m}
shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
	targets=(ModelFuzzTest#onnxModel ModelFuzzTest#sidecarAndLabels ModelFuzzTest#rdfYaml ModelFuzzTest#npy
		ImageFuzzTest#png ImageFuzzTest#raster)
fi
mkdir -p target/fuzz
mvn -B -q -o test-compile >/dev/null || { echo "build failed"; exit 2; }
status=0
for t in "${targets[@]}"; do
	log=target/fuzz/${t//#/.}.log
	start=$(date +%s)
	echo "$(date -u +%FT%TZ) fuzzing $t for $duration -> $log"
	JAZZER_FUZZ=1 JAZZER_MAX_DURATION=$duration nice -n 19 \
		mvn -B -o test -Dtest="$t" -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true \
		-Djunit.jupiter.execution.timeout.mode=disabled >"$log" 2>&1
	rc=$?
	[ $rc -ne 0 ] && status=1
	runs=$(grep -aoE 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1)
	[ -z "$runs" ] && runs=$(grep -aoE '#[0-9]+\s+(DONE|pulse|NEW|REDUCE)' "$log" | tail -1)
	echo "$(date -u +%FT%TZ) $t: exit $rc, $(( $(date +%s) - start )) s, ${runs:-no libFuzzer summary}"
	grep -aE '== Java Exception|Java Exception:|crash-|timeout-|Test unit written' "$log" | head -5
done
exit $status
