# Sourced by bin/ scripts: where, and with which java, the class-data-sharing archives apply. A JVM
# refuses an archive recorded for other jar paths, so an archive is used only where it was recorded.
cds_where() {
  printf '%s|%s\n' "$dist" "$(readlink -f "$(command -v "$java")")"
}

# The options that use archive $1 when it was recorded here, for this java; nothing otherwise.
cds_options() {
  recorded=""
  [ -f "$dist/lib/cds.where" ] && read -r recorded < "$dist/lib/cds.where"
  if [ -f "$1" ] && [ "$recorded" = "$(cds_where)" ]; then
    printf '%s' "-XX:SharedArchiveFile=$1 -Xlog:cds=off -Xlog:cds+dynamic=off"
  fi
}
