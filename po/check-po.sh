#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every language in po/LINGUAS must translate every string the sources have now: a string added or
# changed without a translation would otherwise reach users in English without anyone noticing.
# The strings are extracted as meson's `i18n.gettext(preset: 'glib')` extracts them.
set -eu
top=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

xgettext --package-name=sockscope -D "$top" -f "$top/po/POTFILES.in" -o "$tmp/sockscope.pot" \
  --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format --flag=g_printerr:1:c-format \
  >"$tmp/xgettext.log" 2>&1 || { cat "$tmp/xgettext.log"; exit 1; }

# "%" G_GUINT64_FORMAT inside _() cuts the msgid at the macro: it never matches at run time
if grep -q 'ends in the middle of a directive' "$tmp/xgettext.log"; then
  grep -B1 'ends in the middle of a directive' "$tmp/xgettext.log" | grep -o '^[^ ]*:[0-9]*:' | sort -u \
    | sed 's/^/    /; s/:$/: a G_*_FORMAT macro inside a translatable string (use PRIu64, PRId64 or %zu)/'
  status=1
fi

for lang in $(grep -v '^#' "$top/po/LINGUAS"); do
  po="$top/po/$lang.po"
  if [ ! -f "$po" ]; then
    echo "po/LINGUAS lists $lang, but po/$lang.po does not exist"
    status=1
    continue
  fi
  if ! msgfmt --check -o /dev/null "$po"; then
    echo "po/$lang.po: msgfmt --check fails (above)"
    status=1
    continue
  fi
  msgmerge --quiet "$po" "$tmp/sockscope.pot" -o "$tmp/$lang.po"
  msgattrib --untranslated --no-obsolete --no-wrap "$tmp/$lang.po" -o "$tmp/$lang.untranslated"
  msgattrib --only-fuzzy --no-obsolete --no-wrap "$tmp/$lang.po" -o "$tmp/$lang.fuzzy"
  for kind in untranslated fuzzy; do
    [ -s "$tmp/$lang.$kind" ] || continue
    n=$(grep -c '^msgid ' "$tmp/$lang.$kind")
    n=$((n - 1)) # the header
    [ "$n" -gt 0 ] || continue
    echo "po/$lang.po: $n $kind string(s) for the sources as they are now, e.g.:"
    grep '^#: \|^msgid ' "$tmp/$lang.$kind" | sed -n '2,21p' | sed 's/^/    /'
    status=1
  done
  # German prose quotes are „…“; an English ” in a translation is a slip
  if [ "$lang" = de ] && grep -n '^msgstr.*”' "$po"; then
    echo "po/de.po: use German quotes „…“ in the lines above"
    status=1
  fi
done

if [ $status != 0 ]; then
  echo "Refresh and translate: ninja -C _build sockscope-update-po, then fill in the empty and"
  echo "fuzzy entries of po/LL.po (see docs/translating.md)."
fi
exit $status
