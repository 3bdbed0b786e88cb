#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every source file with a translatable string must be listed in po/POTFILES.in, and every listed
# file must exist; otherwise its strings silently never reach translators.
set -eu
top=$1
cd "$top"
status=0
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d')
for f in $listed; do
  [ -f "$f" ] || { echo "po/POTFILES.in lists $f, which does not exist"; status=1; }
done
for f in $(grep -rlE '(^|[^A-Za-z0-9_])N?_ ?\("' src --include='*.c' | sort) \
         $(grep -rl 'translatable="yes"' src --include='*.ui' | sort); do
  echo "$listed" | grep -qx "$f" || { echo "$f has translatable strings but is not in po/POTFILES.in"; status=1; }
done
exit $status
