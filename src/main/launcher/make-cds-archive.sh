#!/usr/bin/env bash
# Build step (mvn package): writes target/inception-cam, a launcher for the command line that starts the JVM
# with a class-data-sharing archive of the classes a classify run loads (target/inception-cam.jsa), so a
# one-image run in a fresh JVM does not parse and verify the same few thousand classes again. The archive is
# made by one classify run of the sample images with the built-in model; it fits the JVM that made it only
# (another JVM ignores it and starts as usual). Never fails the build: without an archive the launcher is
# plain `java -jar`.
set -u
target=${1:-target}
java_bin=${2:-java}
jar=$target/inception-cam-cli.jar
jsa=$target/inception-cam.jsa
launcher=$target/inception-cam
cat > "$launcher" <<'SH'
#!/bin/sh
# The Inception CAM command line, started with its class-data-sharing archive when this JVM can use it.
here=$(cd "$(dirname "$0")" && pwd)
if [ -f "$here/inception-cam.jsa" ]; then
  exec java -XX:SharedArchiveFile="$here/inception-cam.jsa" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$here/inception-cam-cli.jar" "$@"
fi
exec java -jar "$here/inception-cam-cli.jar" "$@"
SH
chmod +x "$launcher"
rm -f "$jsa"
if [ -d sample-images ] && "$java_bin" -XX:ArchiveClassesAtExit="$jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
    -jar "$jar" classify --device cpu --json sample-images > /dev/null 2>&1 && [ -f "$jsa" ]; then
  echo "class-data-sharing archive: $jsa ($(( $(stat -c %s "$jsa") / 1048576 )) MB), launcher: $launcher"
else
  rm -f "$jsa"
  echo "no class-data-sharing archive (this JVM cannot make one); $launcher runs plain java -jar"
fi
exit 0
