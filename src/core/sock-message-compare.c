/* sock-message-compare.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "sock-error.h"
#include "sock-format.h"
#include "sock-message-compare.h"
#include "sock-wamp-fields.h"

guint64
sock_message_find_previous (SockMessageLog *log,
                            guint64         seq,
                            guint           max_scan)
{
  SockLogEntry target, e;
  guint64 first;

  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (log), G_MAXUINT64);

  if (!sock_message_log_peek (log, seq, &target, NULL, NULL) || target.uri == 0)
    return G_MAXUINT64;
  first = sock_message_log_get_first_seq (log);
  /* records only, no payload: a few nanoseconds each */
  for (guint64 s = seq; s > first && seq - s < max_scan; s--)
    if (sock_message_log_peek (log, s - 1, &e, NULL, NULL) && e.uri == target.uri && e.kind == target.kind &&
        e.type == target.type && e.direction == target.direction)
      return s - 1;
  return G_MAXUINT64;
}

typedef struct
{
  SockLogEntry  entry;
  GBytes       *raw;
  gboolean      wamp;
  SockWampFields fields;
} Side;

static gboolean
read_side (SockMessageLog  *log,
           guint64          seq,
           Side            *side,
           GError         **error)
{
  const guint8 *raw;
  gsize len;

  if (!sock_message_log_peek (log, seq, &side->entry, &raw, &len))
    {
      g_autofree char *number = sock_format_number (seq + 1);

      /* TRANSLATORS: %s is a message's number, "20,015" */
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE, _("Message %s is no longer in the log"), number);
      return FALSE;
    }
  side->raw = g_bytes_new (raw, len);
  side->wamp = (side->entry.kind == SOCK_LOG_KIND_WAMP1 || side->entry.kind == SOCK_LOG_KIND_WAMP2) &&
               sock_wamp_fields_read (side->entry.kind == SOCK_LOG_KIND_WAMP1 ? SOCK_WAMP_V1 : SOCK_WAMP_V2,
                                      (const char *) raw, len, &side->fields, NULL);
  return TRUE;
}

static const char *
path_of (const char *name)
{
  static const struct { const char *name; const char *path; } paths[] = {
    { "Details", "details" }, { "Options", "options" }, { "Extra", "extra" },
    { "Arguments", "args" }, { "Keyword arguments", "kwargs" },
    { "Event", "event" }, { "Result", "result" }, { "Error details", "details" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    if (g_str_equal (paths[i].name, name))
      return paths[i].path;
  return NULL;
}

/* The payload fields of both, by name; the ids (which differ every time) are left out. */
static gboolean
compare_wamp (SockJsonDiff  *diff,
              Side          *a,
              Side          *b,
              GError       **error)
{
  const char *da = g_bytes_get_data (a->raw, NULL);
  const char *db = g_bytes_get_data (b->raw, NULL);
  static const char *names[] = { "Details", "Options", "Extra", "Arguments", "Keyword arguments", "Event",
                                 "Result", "Error details" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const SockWampField *fa = sock_wamp_fields_find (&a->fields, names[i]);
      const SockWampField *fb = sock_wamp_fields_find (&b->fields, names[i]);

      if (fa == NULL && fb == NULL)
        continue;
      if (!sock_json_diff_add (diff, path_of (names[i]),
                               fa ? da + fa->element.offset : NULL, fa ? fa->element.len : 0,
                               fb ? db + fb->element.offset : NULL, fb ? fb->element.len : 0, error))
        return FALSE;
    }
  return TRUE;
}

static char *
json_string_of_bytes (GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  GString *out = g_string_new ("\"");

  /* the frame as a JSON string, so that the diff shows it as a value */
  for (gsize i = 0; i < len && i < SOCK_JSON_DIFF_MAX_VALUE * 4; i++)
    {
      guint8 c = data[i];

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20 || c >= 0x7f)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

static gboolean
compare_frames (SockJsonDiff  *diff,
                Side          *a,
                Side          *b,
                GError       **error)
{
  gsize la, lb;
  const char *da = g_bytes_get_data (a->raw, &la);
  const char *db = g_bytes_get_data (b->raw, &lb);
  g_autofree char *sa = NULL;
  g_autofree char *sb = NULL;

  if (la > 0 && lb > 0 && (a->entry.flags & SOCK_LOG_FLAG_BINARY) == 0 &&
      (b->entry.flags & SOCK_LOG_FLAG_BINARY) == 0 &&
      sock_json_validate (da, la, NULL, NULL, NULL) && sock_json_validate (db, lb, NULL, NULL, NULL))
    return sock_json_diff_add (diff, NULL, da, la, db, lb, error);
  if (g_bytes_equal (a->raw, b->raw))
    return TRUE;
  sa = json_string_of_bytes (a->raw);
  sb = json_string_of_bytes (b->raw);
  return sock_json_diff_add (diff, NULL, sa, strlen (sa), sb, strlen (sb), error);
}

SockJsonDiff *
sock_message_compare (SockMessageLog  *log,
                      guint64          old_seq,
                      guint64          new_seq,
                      GError         **error)
{
  g_autoptr(SockJsonDiff) diff = sock_json_diff_new ();
  Side a = { 0 }, b = { 0 };
  gboolean ok;

  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (log), NULL);

  ok = read_side (log, old_seq, &a, error) && read_side (log, new_seq, &b, error);
  if (ok)
    ok = a.wamp && b.wamp ? compare_wamp (diff, &a, &b, error) : compare_frames (diff, &a, &b, error);
  g_clear_pointer (&a.raw, g_bytes_unref);
  g_clear_pointer (&b.raw, g_bytes_unref);
  return ok ? g_steal_pointer (&diff) : NULL;
}
