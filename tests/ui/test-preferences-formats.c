/* test-preferences-formats.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences that change how the message log writes numbers and times, under a real display:
 * digit grouping reaches the log's count and its Size column, and switching it changes the rows
 * already shown; relative timestamps count from each log's first row (not from the app's start),
 * and rows already shown follow a change of the format.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "test-message-view-util.h"

#define WAIT_TIMEOUT_US (20 * G_USEC_PER_SEC)

/* A text message of len bytes at time_us. */
static void
append_at (SockMessageLog *log,
           gint64          time_us,
           gsize           len)
{
  SockLogEntry e = { 0 };
  g_autofree char *payload = g_malloc (len);

  memset (payload, 'x', len);
  e.time_us = time_us;
  e.direction = SOCK_LOG_DIRECTION_IN;
  e.kind = SOCK_LOG_KIND_TEXT;
  sock_message_log_append (log, &e, (const guint8 *) payload, len);
}

static gboolean
text_shown_is (Fixture    *f,
               const char *text,
               gboolean    shown)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_US;

  while (shows_text (f, text) != shown && g_get_monotonic_time () < deadline)
    run_frames (f, 1);
  return shows_text (f, text) == shown;
}

static void
assert_shown (Fixture    *f,
              const char *text,
              gboolean    shown)
{
  if (!text_shown_is (f, text, shown))
    {
      g_autofree char *screen = screen_text (f);

      g_error ("“%s” is%s shown; the window shows:%s", text, shown ? " not" : "", screen);
    }
}

static void
test_preferences_formats_grouping (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *numeric = g_strdup (setlocale (LC_NUMERIC, NULL));

  /* C.UTF-8 has no thousands separator: German has one (1.234) */
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("no de_DE.UTF-8 locale (localedef -i de_DE -f UTF-8 de_DE.UTF-8)");
      return;
    }
  g_settings_set_boolean (settings, "digit-grouping", TRUE);
  feed (f->log, 1234);
  append_at (f->log, g_get_real_time (), 1010);
  sock_message_log_flush (f->log);
  wait_not_busy (f);
  assert_shown (f, "1.235 messages", TRUE);
  assert_shown (f, "1.010 B", TRUE);

  /* off: the count and the rows already shown change at once, no new message needed */
  g_settings_set_boolean (settings, "digit-grouping", FALSE);
  assert_shown (f, "1235 messages", TRUE);
  assert_shown (f, "1010 B", TRUE);
  assert_shown (f, "1.010 B", FALSE);

  g_settings_set_boolean (settings, "digit-grouping", TRUE);
  assert_shown (f, "1.235 messages", TRUE);
  assert_shown (f, "1.010 B", TRUE);
  setlocale (LC_NUMERIC, numeric);
}

static void
test_preferences_formats_relative_time (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(SockMessageLog) other_log = sock_message_log_new ();
  SockMessageView *other_view = SOCK_MESSAGE_VIEW (sock_message_view_new ());
  GtkWindow *other_window = GTK_WINDOW (gtk_window_new ());
  /* a tab connected a minute before this one: long after the app started */
  gint64 t0 = g_get_real_time () - 60 * G_USEC_PER_SEC;

  g_settings_set_string (settings, "timestamp-format", "local");
  append_at (f->log, t0, 10);
  append_at (f->log, t0 + 2500 * 1000, 10);
  sock_message_log_flush (f->log);
  wait_not_busy (f);
  assert_shown (f, "+2.500 s", FALSE);

  /* switched while shown: the rows follow */
  g_settings_set_string (settings, "timestamp-format", "relative");
  assert_shown (f, "+0.000 s", TRUE);
  assert_shown (f, "+2.500 s", TRUE);

  /* another tab counts from its own first row */
  gtk_window_set_default_size (other_window, 1100, 400);
  gtk_window_set_child (other_window, GTK_WIDGET (other_view));
  sock_message_view_set_log (other_view, other_log);
  gtk_window_present (other_window);
  append_at (other_log, t0 + 60 * G_USEC_PER_SEC, 10);
  append_at (other_log, t0 + 61 * G_USEC_PER_SEC + 250 * 1000, 10);
  sock_message_log_flush (other_log);
  {
    Fixture other = { .window = other_window, .view = other_view, .log = other_log };

    wait_not_busy (&other);
    assert_shown (&other, "+0.000 s", TRUE);
    assert_shown (&other, "+1.250 s", TRUE);
    assert_shown (&other, "+61.250 s", FALSE);
  }
  /* rows that come later keep the tab's origin */
  append_at (f->log, t0 + 4 * G_USEC_PER_SEC, 10);
  sock_message_log_flush (f->log);
  assert_shown (f, "+4.000 s", TRUE);

  g_settings_set_string (settings, "timestamp-format", "utc");
  assert_shown (f, "+2.500 s", FALSE);
  assert_shown (f, "Z\n", TRUE);
  g_settings_set_string (settings, "timestamp-format", "local");
  gtk_window_destroy (other_window);
}

int
main (int   argc,
      char *argv[])
{
  if (!message_view_test_init (&argc, &argv))
    return 0;

#define ADD(name) g_test_add ("/sockscope/preferences-formats/" #name, Fixture, NULL, \
                              fixture_set_up, test_preferences_formats_##name, fixture_tear_down)
  ADD (grouping);
  ADD (relative_time);
#undef ADD

  return g_test_run ();
}
