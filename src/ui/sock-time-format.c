/* sock-time-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "sock-time-format.h"

typedef enum
{
  FORMAT_LOCAL,
  FORMAT_UTC,
  FORMAT_RELATIVE,
} Format;

static Format format = FORMAT_LOCAL;

static void
on_format_changed (GSettings  *settings,
                   const char *key,
                   gpointer    user_data)
{
  g_autofree char *value = g_settings_get_string (settings, "timestamp-format");

  format = g_str_equal (value, "utc") ? FORMAT_UTC : g_str_equal (value, "relative") ? FORMAT_RELATIVE
                                                                                      : FORMAT_LOCAL;
}

/* One settings object for the process: a row is bound thousands of times a second. */
static GSettings *
ensure_settings (void)
{
  static GSettings *settings;

  if (settings != NULL)
    return settings;
  settings = g_settings_new (APP_ID);
  g_signal_connect (settings, "changed::timestamp-format", G_CALLBACK (on_format_changed), NULL);
  on_format_changed (settings, "timestamp-format", NULL);
  return settings;
}

void
sock_time_format_watch (GCallback changed,
                        gpointer  object)
{
  g_return_if_fail (changed != NULL);
  g_return_if_fail (G_IS_OBJECT (object));

  /* after the handler above: by then sock_time_format_text() follows the new format */
  g_signal_connect_object (ensure_settings (), "changed::timestamp-format", changed, object,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

const char *
sock_time_format_text (gint64      time_us,
                       gint64      origin_us,
                       const char *local_text,
                       char        buf[SOCK_TIME_TEXT_SIZE])
{
  gint64 seconds, ms;

  ensure_settings ();
  if (format == FORMAT_LOCAL || local_text == NULL || *local_text == '\0')
    return local_text;

  if (format == FORMAT_UTC)
    {
      seconds = time_us / G_USEC_PER_SEC;
      ms = (time_us % G_USEC_PER_SEC + G_USEC_PER_SEC) % G_USEC_PER_SEC / 1000;
      g_snprintf (buf, SOCK_TIME_TEXT_SIZE, "%02d:%02d:%02d.%03dZ", (int) (seconds / 3600 % 24),
                  (int) (seconds / 60 % 60), (int) (seconds % 60), (int) ms);
      return buf;
    }

  seconds = (time_us - origin_us) / G_USEC_PER_SEC;
  ms = ABS ((time_us - origin_us) % G_USEC_PER_SEC) / 1000;
  g_snprintf (buf, SOCK_TIME_TEXT_SIZE, "%s%" G_GINT64_FORMAT ".%03d s", time_us < origin_us ? "−" : "+",
              ABS (seconds), (int) ms);
  return buf;
}
