# Sourced by bin/ scripts. A JVM refuses a class-data-sharing archive recorded for other jar paths
# (and another JDK ignores it, quietly with these options), so an archive is used only in the place
# bin/keeper-record-cds recorded it for. No subshell and no extra process: the CLI pays this per call.

# Sets cds to the options that use archive $1 when it was recorded for this distribution's place.
cds_for() {
  cds=""
  recorded=""
  [ -f "$dist/lib/cds.where" ] && read -r recorded < "$dist/lib/cds.where"
  if [ -f "$1" ] && [ "$recorded" = "$dist" ]; then
    cds="-XX:SharedArchiveFile=$1 -Xlog:cds=off -Xlog:cds+dynamic=off"
  fi
}
