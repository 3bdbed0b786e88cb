#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every library the build needs (the -dev packages of build-aux/install-deps' core list) must be a
# Build-Depends of debian/control, and the package's version must be meson's: otherwise the .deb
# builds here, where everything is installed, and fails on a clean Debian builder or ships a stale
# version.
set -eu
top=$1
version=$2
status=0
core=$(sed -n '/^core_pkgs=(/,/)/p' "$top/build-aux/install-deps" | tr '() ' '\n\n\n' | grep -- '-dev$' || true)
[ -n "$core" ] || { echo "no -dev packages found in build-aux/install-deps' core_pkgs"; exit 1; }
build_depends=$(sed -n '/^Build-Depends:/,/^[A-Z]/p' "$top/debian/control")
for p in $core; do
  printf '%s\n' "$build_depends" | grep -Eq "^ *$p( |,|$)" \
    || { echo "debian/control: Build-Depends lacks $p (in build-aux/install-deps' core list)"; status=1; }
done
changelog=$(sed -n '1s/^sockscope (\([^)]*\)).*/\1/p' "$top/debian/changelog")
[ "$changelog" = "$version" ] \
  || { echo "debian/changelog's newest entry is $changelog, meson.build says $version: add an entry"; status=1; }
exit $status
