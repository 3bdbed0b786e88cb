#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Unpacks the Debian package (dpkg-deb -x) into a scratch directory and checks what a user would get:
# every expected file is there, the unpacked programs run with Debian's libraries alone, and the
# desktop file, metainfo and schema pass their validators. TAP output.
#
# Usage: test-package.sh SRCDIR VERSION APP_ID [DEB]
#   DEB defaults to $SOCKSCOPE_DEB; without either, the package is built first with
#   `DEB_BUILD_OPTIONS=nocheck build-aux/build-deb` (about 1.5–5 minutes on 2 cores).
set -uo pipefail

srcdir=${1:?srcdir}
version=${2:?version}
app_id=${3:?app id}
deb=${4:-${SOCKSCOPE_DEB:-}}

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
# check DESCRIPTION COMMAND...: ok when COMMAND succeeds; its output goes into the TAP diagnostics.
check() {
  local what=$1; shift
  local output
  if output=$("$@" 2>&1); then
    ok "$what"
  else
    local rc=$?
    not_ok "$what" "command: $*" "exit $rc"
    printf '%s\n' "$output" | sed 's/^/#   /'
  fi
}

for tool in dpkg-deb desktop-file-validate appstreamcli glib-compile-schemas msgunfmt; do
  if ! command -v "$tool" >/dev/null; then
    echo "Bail out! $tool is missing (build-aux/install-deps package installs it)"
    exit 1
  fi
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/sockscope-package.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

if [ -z "$deb" ]; then
  if ! command -v dpkg-buildpackage >/dev/null; then
    echo "Bail out! no .deb given and dpkg-buildpackage is missing (build-aux/install-deps package)"
    exit 1
  fi
  echo "# building the package: DEB_BUILD_OPTIONS=nocheck $srcdir/build-aux/build-deb"
  start=$(date +%s)
  DEB_BUILD_OPTIONS=nocheck "$srcdir/build-aux/build-deb" >"$scratch/build.out" 2>"$scratch/build.err"
  rc=$?
  sed 's/^/# /' "$scratch/build.err"
  if [ "$rc" -ne 0 ]; then
    echo "Bail out! building the package failed (exit $rc)"
    exit 1
  fi
  deb=$(tail -n 1 "$scratch/build.out")
  echo "# built and checked by lintian in $(( $(date +%s) - start )) s: $deb"
fi
if [ -z "$deb" ] || [ ! -f "$deb" ]; then
  echo "Bail out! no package to test (${deb:-none})"
  exit 1
fi

root="$scratch/root"
mkdir -p "$root"

# --- the package's control data
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = sockscope ] && ok "package name is sockscope" \
  || not_ok "package name is sockscope" "got: $(field Package)"
[ "$(field Version)" = "$version" ] && ok "package version is meson's $version" \
  || not_ok "package version is meson's $version" "got: $(field Version) (update debian/changelog)"
depends=$(field Depends)
for lib in libgtk-4-1 libadwaita-1-0 libsoup-3.0-0 libjson-glib-1.0-0 libgtksourceview-5-0; do
  case "$depends" in
    *"$lib "*|*"$lib,"*|*"$lib") ok "depends on $lib" ;;
    *) not_ok "depends on $lib" "Depends: $depends" ;;
  esac
done

check "dpkg-deb -x unpacks the package" dpkg-deb -x "$deb" "$root"

# --- every expected file
expected=(
  usr/bin/sockscope
  usr/bin/sockscope-cli
  "usr/share/applications/$app_id.desktop"
  "usr/share/metainfo/$app_id.metainfo.xml"
  "usr/share/icons/hicolor/scalable/apps/$app_id.svg"
  "usr/share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
  "usr/share/glib-2.0/schemas/$app_id.gschema.xml"
  usr/share/man/man1/sockscope.1.gz
  usr/share/man/man1/sockscope-cli.1.gz
  usr/share/doc/sockscope/copyright
  usr/share/doc/sockscope/changelog.gz
)
languages=$(sed -e 's/#.*//' "$srcdir/po/LINGUAS" | tr -s ' \t' '\n\n' | sed '/^$/d')
for lang in $languages; do
  expected+=("usr/share/locale/$lang/LC_MESSAGES/sockscope.mo")
done
[ -n "$languages" ] || echo "# po/LINGUAS lists no language: no .mo file expected"
for f in "${expected[@]}"; do
  [ -f "$root/$f" ] && [ -s "$root/$f" ] && ok "contains /$f" || not_ok "contains /$f"
done
for f in usr/bin/sockscope usr/bin/sockscope-cli; do
  [ -x "$root/$f" ] && ok "/$f is executable" || not_ok "/$f is executable"
done
for lang in $languages; do
  check "/usr/share/locale/$lang/LC_MESSAGES/sockscope.mo is a message catalog" \
    msgunfmt -o /dev/null "$root/usr/share/locale/$lang/LC_MESSAGES/sockscope.mo"
done

# Files made at install time by the triggers on the user's machine must not be shipped, and
# nothing may live outside /usr.
stray=$(cd "$root" && find . \( -name gschemas.compiled -o -name icon-theme.cache \
  -o -name mimeinfo.cache \) -print; cd "$root" && find . -mindepth 1 -maxdepth 1 ! -name usr -print)
[ -z "$stray" ] && ok "no compiled caches and nothing outside /usr" \
  || not_ok "no compiled caches and nothing outside /usr" "$stray"

# --- the unpacked programs run with Debian's libraries alone
for prog in sockscope-cli sockscope; do
  bin="$root/usr/bin/$prog"
  [ -f "$bin" ] || { not_ok "$prog runs from the unpacked package" "missing"; continue; }
  rpath=$(readelf -d "$bin" 2>/dev/null | grep -E 'R(UN)?PATH' || true)
  [ -z "$rpath" ] && ok "$prog has no RPATH/RUNPATH" || not_ok "$prog has no RPATH/RUNPATH" "$rpath"
  missing=$(env -i PATH=/usr/bin:/bin ldd "$bin" 2>&1 | grep -E 'not found|/work/|_build' || true)
  [ -z "$missing" ] && ok "$prog's libraries all resolve to the system's" \
    || not_ok "$prog's libraries all resolve to the system's" "$missing"
  # No display, no session bus, no build tree: only the package and the system.
  out=$(cd "$scratch" && env -i PATH=/usr/bin:/bin HOME="$scratch" LANG=C.UTF-8 "$bin" --version 2>&1)
  rc=$?
  if [ "$rc" -eq 0 ] && [ "$out" = "$prog $version" ]; then
    ok "unpacked $prog --version prints '$prog $version'"
  else
    not_ok "unpacked $prog --version prints '$prog $version'" "exit $rc, output: $out"
  fi
done
out=$(cd "$scratch" && env -i PATH=/usr/bin:/bin HOME="$scratch" LANG=C.UTF-8 \
  "$root/usr/bin/sockscope-cli" --help 2>&1)
case "$out" in
  *probe*serve-demo*) ok "unpacked sockscope-cli --help lists its commands" ;;
  *) not_ok "unpacked sockscope-cli --help lists its commands" "$out" ;;
esac

# The man page names every command that the installed sockscope-cli has.
commands=$(printf '%s\n' "$out" | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p')
manpage=$(zcat "$root/usr/share/man/man1/sockscope-cli.1.gz" 2>/dev/null | sed 's/\\-/-/g')
for c in $commands; do
  printf '%s\n' "$manpage" | grep -Eq "^\.BI? \"?$c[\" ]|^\.BI? \"?$c\$" \
    && ok "sockscope-cli(1) describes the command $c" \
    || not_ok "sockscope-cli(1) describes the command $c" "add it to debian/sockscope-cli.1"
done
[ -n "$commands" ] || not_ok "sockscope-cli --help lists commands the man page can be checked against"

# …and sockscope(1) every option of the installed sockscope.
gui_help=$(cd "$scratch" && env -i PATH=/usr/bin:/bin HOME="$scratch" LANG=C.UTF-8 \
  "$root/usr/bin/sockscope" --help 2>&1)
gui_options=$(printf '%s\n' "$gui_help" | sed -n '/^Application Options:/,$p' \
  | sed -n 's/^  *\(-[a-zA-Z], \)\{0,1\}--\([a-z][a-z-]*\).*/\2/p')
manpage=$(zcat "$root/usr/share/man/man1/sockscope.1.gz" 2>/dev/null | sed 's/\\-/-/g')
for o in $gui_options; do
  printf '%s\n' "$manpage" | grep -Eq -- "--$o([= \"]|\$)" \
    && ok "sockscope(1) describes --$o" \
    || not_ok "sockscope(1) describes --$o" "add it to debian/sockscope.1"
done
[ -n "$gui_options" ] || not_ok "sockscope --help lists options the man page can be checked against" "$gui_help"

# --- the data validators on the unpacked files
desktop="$root/usr/share/applications/$app_id.desktop"
metainfo="$root/usr/share/metainfo/$app_id.metainfo.xml"
check "desktop-file-validate accepts the unpacked desktop file" desktop-file-validate "$desktop"
check "appstreamcli validate --no-net accepts the unpacked metainfo" \
  env HOME="$scratch" appstreamcli validate --no-net --explain "$metainfo"
check "glib-compile-schemas --strict --dry-run accepts the unpacked schema" \
  glib-compile-schemas --strict --dry-run "$root/usr/share/glib-2.0/schemas"

# The files point at each other and at what the package holds.
exec_bin=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop" | head -n 1)
[ -n "$exec_bin" ] && [ -x "$root/usr/bin/$exec_bin" ] && ok "the desktop file's Exec ($exec_bin) is in /usr/bin" \
  || not_ok "the desktop file's Exec ($exec_bin) is in /usr/bin"
icon=$(sed -n 's/^Icon=//p' "$desktop" | head -n 1)
[ -f "$root/usr/share/icons/hicolor/scalable/apps/$icon.svg" ] && ok "the desktop file's Icon ($icon) is shipped" \
  || not_ok "the desktop file's Icon ($icon) is shipped"
launchable=$(sed -n 's:.*<launchable type="desktop-id">\(.*\)</launchable>.*:\1:p' "$metainfo")
[ "$launchable" = "$app_id.desktop" ] && ok "the metainfo launches $app_id.desktop" \
  || not_ok "the metainfo launches $app_id.desktop" "launchable: $launchable"
release=$(grep -o '<release [^>]*version="[^"]*"' "$metainfo" | head -n 1 | sed 's/.*version="\([^"]*\)"/\1/')
[ "$release" = "$version" ] && ok "the metainfo's newest release is $version" \
  || not_ok "the metainfo's newest release is $version" "newest release: $release"
for b in $(sed -n 's:.*<binary>\(.*\)</binary>.*:\1:p' "$metainfo"); do
  [ -x "$root/usr/bin/$b" ] && ok "the metainfo's binary $b is shipped" || not_ok "the metainfo's binary $b is shipped"
done

# Every screenshot the metainfo lists is a file of the repository (build-aux/screenshots makes
# them), a real PNG of the size the metainfo states.
n_shots=0
while read -r width height url; do
  [ -n "$url" ] || continue
  n_shots=$((n_shots + 1))
  file="$srcdir/${url#*/main/}"
  # a PNG's signature, then IHDR: width and height as big-endian 32-bit numbers at bytes 16 and 20
  size=$(head -c 8 "$file" 2>/dev/null | od -An -tx1 | tr -d ' \n')
  [ "$size" = "89504e470d0a1a0a" ] && size=$(od -An -tu1 -j16 -N8 "$file" | \
    awk '{ printf "%d %d", (($1 * 256 + $2) * 256 + $3) * 256 + $4, (($5 * 256 + $6) * 256 + $7) * 256 + $8 }')
  [ "$size" = "$width $height" ] && ok "the metainfo's screenshot ${url##*/} is a ${width}x$height PNG in the repository" \
    || not_ok "the metainfo's screenshot ${url##*/} is a ${width}x$height PNG in the repository" "file: $file" "size: $size"
done < <(sed -n 's:.*<image type="source" width="\([0-9]*\)" height="\([0-9]*\)">\(.*\)</image>.*:\1 \2 \3:p' "$metainfo")
[ "$n_shots" -ge 2 ] && ok "the metainfo lists $n_shots screenshots" || not_ok "the metainfo lists screenshots" "found $n_shots"

# The unpacked schema holds the keys the app reads (Preferences, the workspace, the window size).
for key in window-width window-height restore-workspace confirm-close-unexported keepalive-interval \
           pong-timeout reconnect timestamp-format color-scheme digit-grouping; do
  grep -q "<key name=\"$key\"" "$root/usr/share/glib-2.0/schemas/$app_id.gschema.xml" \
    && ok "the unpacked schema has the key $key" || not_ok "the unpacked schema has the key $key"
done

echo "1..$n"
[ "$failed" -eq 0 ]
