/* sock-number-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "sock-format.h"
#include "sock-number-format.h"

/* core's texts (errors, diagnoses) group their counts as the window does */
static void
on_grouping_changed (GSettings  *settings,
                     const char *key,
                     gpointer    user_data)
{
  sock_format_set_grouping (g_settings_get_boolean (settings, "digit-grouping"));
}

/* One settings object for the process: counts are formatted on every update. */
static GSettings *
ensure_settings (void)
{
  static GSettings *settings;

  if (settings == NULL)
    {
      settings = g_settings_new (APP_ID);
      g_signal_connect (settings, "changed::digit-grouping", G_CALLBACK (on_grouping_changed), NULL);
      on_grouping_changed (settings, "digit-grouping", NULL);
    }
  return settings;
}

gboolean
sock_number_format_get_grouping (void)
{
  ensure_settings ();
  return sock_format_get_grouping ();
}

void
sock_number_format_watch (GCallback changed,
                          gpointer  object)
{
  g_return_if_fail (changed != NULL);
  g_return_if_fail (G_IS_OBJECT (object));

  /* after the handler above: by then the numbers follow the new setting */
  g_signal_connect_object (ensure_settings (), "changed::digit-grouping", changed, object,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

char *
sock_format_count (guint64 n)
{
  ensure_settings ();
  return sock_format_number (n);
}

char *
sock_format_rate (double rate)
{
  g_autofree char *whole = NULL;

  if (rate > 0 && rate < 10)
    return g_strdup_printf (_("%.1f/s"), rate);
  whole = sock_format_count ((guint64) (rate + 0.5));
  /* TRANSLATORS: %s is a count of messages, e.g. "1,234" */
  return g_strdup_printf (_("%s/s"), whole);
}

char *
sock_format_milliseconds (double us)
{
  g_autofree char *whole = NULL;

  if (us < 10000)
    return g_strdup_printf (_("%.2f ms"), us / 1000);
  whole = sock_format_count ((guint64) (us / 1000 + 0.5));
  /* TRANSLATORS: %s is a whole number of milliseconds, e.g. "1,250" */
  return g_strdup_printf (_("%s ms"), whole);
}

char *
sock_format_figure (double value,
                    guint  decimals)
{
  ensure_settings ();
  return sock_format_decimal (value, decimals);
}
