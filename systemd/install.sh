#!/usr/bin/env bash
# Installs the built Albatross jars, launchers and systemd units.
#
#   systemd/install.sh [--destdir DIR] [--no-user] [--no-reload]
#
# Build first (mvn -DskipTests package). Layout, as Albatross's Debian package:
#   /usr/lib/albatross/{albatrossd.jar,albatross-client.jar,lib/}   the jars and their dependencies
#   /usr/libexec/albatross/{albatrossd,albatross-tls-endpoint}      the daemons' launchers
#   /usr/bin/albatross-client                                       the client
#   /lib/systemd/system/albatross_*.{service,socket}                the units
# With --destdir everything goes below DIR (for packaging and tests), and no user is created and systemd is not
# reloaded.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd -P)"
destdir=""
make_user=1
reload=1
while [ $# -gt 0 ]; do
  case "$1" in
    --destdir) destdir="$2"; make_user=0; reload=0; shift 2 ;;
    --no-user) make_user=0; shift ;;
    --no-reload) reload=0; shift ;;
    *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

for jar in "$root/daemon/target/albatrossd.jar" "$root/client/target/albatross-client.jar"; do
  if [ ! -f "$jar" ]; then
    echo "install.sh: $jar is missing; build with: cd $root && mvn -DskipTests package" >&2
    exit 1
  fi
done

lib="$destdir/usr/lib/albatross"
libexec="$destdir/usr/libexec/albatross"
bindir="$destdir/usr/bin"
unitdir="$destdir/lib/systemd/system"
docdir="$destdir/usr/share/doc/albatross"
install -d -m 0755 "$lib/lib" "$libexec" "$bindir" "$unitdir" "$docdir"

install -m 0644 "$root/daemon/target/albatrossd.jar" "$lib/albatrossd.jar"
install -m 0644 "$root/client/target/albatross-client.jar" "$lib/albatross-client.jar"
# The daemon and the client share some dependencies: one copy of each.
for jar in "$root"/daemon/target/lib/*.jar "$root"/client/target/lib/*.jar; do
  [ -e "$lib/lib/$(basename "$jar")" ] || install -m 0644 "$jar" "$lib/lib/"
done
if [ -f "$root/client/target/albatross-client.jsa" ]; then
  install -m 0644 "$root/client/target/albatross-client.jsa" "$lib/albatross-client.jsa"
fi

launcher() { # name, java arguments...
  local out="$1"; shift
  {
    echo '#!/bin/sh'
    echo '# Installed by albatross systemd/install.sh. JAVA_HOME picks the JVM, JAVA_OPTS adds options.'
    echo 'java=java; [ -n "${JAVA_HOME:-}" ] && java="$JAVA_HOME/bin/java"'
    echo "exec \"\$java\" \${JAVA_OPTS:-} $* \"\$@\""
  } > "$out"
  chmod 0755 "$out"
}
launcher "$libexec/albatrossd" -jar /usr/lib/albatross/albatrossd.jar
launcher "$libexec/albatross-tls-endpoint" -cp /usr/lib/albatross/albatrossd.jar dev.albatross.daemon.TlsEndpointMain
launcher "$bindir/albatross-client" -Xshare:auto -XX:SharedArchiveFile=/usr/lib/albatross/albatross-client.jsa \
  -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar /usr/lib/albatross/albatross-client.jar

install -m 0644 "$root"/systemd/units/*.service "$root"/systemd/units/*.socket "$unitdir/"
install -m 0644 "$root/README.md" "$root/docs/compatibility.md" "$docdir/"

if [ "$make_user" = 1 ] && ! getent passwd albatross >/dev/null; then
  groupadd --system albatross 2>/dev/null || true
  useradd --system --gid albatross --home-dir /var/lib/albatross --no-create-home --shell /usr/sbin/nologin albatross
fi
if [ "$reload" = 1 ] && command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
  systemctl daemon-reload
fi
echo "installed into ${destdir:-/}"
