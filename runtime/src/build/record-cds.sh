#!/bin/sh
# Records class-data-sharing archives for the distribution in $1: one server that starts, answers a
# status call and is killed, and that status call from the CLI. bin/keeper-server and bin/keeper use
# the archives when they match the JVM (a third less start-up); another JVM ignores them quietly.
set -eu
dist=$1
work=$2
rm -f "$dist/lib/keeper-server.jsa" "$dist/lib/keeper-cli.jsa"
rm -rf "$work" && mkdir -p "$work/children"
printf 'loadpaths: [children]\nport: 0\n' > "$work/server.yml"
KEEPER_SERVER_OPTS="-XX:ArchiveClassesAtExit=$dist/lib/keeper-server.jsa" \
  "$dist/bin/keeper-server" --state "$work/state" "$work/server.yml" > "$work/server.log" 2>&1 &
server=$!
tries=0
until grep -q 'keeper-server ready' "$work/server.log"; do
  tries=$((tries + 1))
  if [ $tries -gt 600 ] || ! kill -0 $server 2>/dev/null; then
    cat "$work/server.log" >&2; kill $server 2>/dev/null || true
    echo "record-cds: the training server did not become ready" >&2; exit 1
  fi
  sleep 0.1
done
address=$(sed -n 's/^keeper-server ready: tcp:\/\/\([^ ,]*\).*/\1/p' "$work/server.log")
KEEPER_CLIENT_OPTS="-XX:ArchiveClassesAtExit=$dist/lib/keeper-cli.jsa" "$dist/bin/keeper" status on "$address" > /dev/null
"$dist/bin/keeper" kill on "$address" > /dev/null
wait $server
