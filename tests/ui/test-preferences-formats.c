/* test-preferences-formats.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences that change how the message log writes numbers and times, under a real display:
 * digit grouping reaches the log's count and its Size column, and switching it changes the rows
 * already shown; relative timestamps count from each log's first row (not from the app's start),
 * and rows already shown follow a change of the format. Grouping also reaches the Topics view's
 * counts and a chart's values at once, no new message needed.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "sock-chart.h"
#include "sock-stats.h"
#include "sock-topic-view.h"
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

/* A chart's point under the pointer says text. */
static gboolean
hover_says (SockChart  *chart,
            const char *text)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_US;

  while (g_get_monotonic_time () < deadline)
    {
      const char *hover = sock_chart_get_hover_text (chart);

      if (hover != NULL && strstr (hover, text) != NULL)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
    }
  return FALSE;
}

static void
assert_hover (SockChart  *chart,
              const char *text)
{
  if (!hover_says (chart, text))
    g_error ("the chart says “%s”, not “%s”", sock_chart_get_hover_text (chart), text);
}

/* The Topics view's counts and a chart's values follow a change of grouping while shown. */
static void
test_preferences_formats_grouping_topics (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *numeric = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autoptr(SockMessageLog) log = sock_message_log_new ();
  g_autoptr(SockStats) stats = sock_stats_new ();
  SockStatsSeries series[] = { SOCK_STATS_MESSAGES_IN };
  const char *names[] = { "In", NULL };
  GtkWindow *window;
  GtkWidget *box, *topic_view, *chart;
  Fixture shown;
  gint64 now = 5000 * (gint64) G_USEC_PER_SEC;

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("no de_DE.UTF-8 locale (localedef -i de_DE -f UTF-8 de_DE.UTF-8)");
      return;
    }
  g_settings_set_boolean (settings, "digit-grouping", TRUE);
  window = GTK_WINDOW (gtk_window_new ());
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  topic_view = sock_topic_view_new ();
  chart = sock_chart_new (SOCK_CHART_UNIT_RATE, series, names, 1);
  gtk_widget_set_vexpand (topic_view, TRUE);
  gtk_widget_set_size_request (chart, 600, 120);
  gtk_box_append (GTK_BOX (box), topic_view);
  gtk_box_append (GTK_BOX (box), chart);
  gtk_window_set_default_size (window, 1100, 600);
  gtk_window_set_child (window, box);
  sock_topic_view_set_log (SOCK_TOPIC_VIEW (topic_view), log);
  gtk_window_present (window);
  shown = (Fixture) { .window = window, .view = f->view, .log = log };

  /* 1,234 events under "com", 1,500 a second into the chart */
  for (guint i = 0; i < 1234; i++)
    append_event (log, 0, i, SOCK_LOG_DIRECTION_IN);
  sock_stats_tick (stats, now);
  for (guint s = 0; s < 3; s++)
    {
      sock_stats_record_in (stats, 1500, 1500 * 100);
      now += G_USEC_PER_SEC;
      sock_stats_tick (stats, now);
    }
  sock_chart_update (SOCK_CHART (chart), stats, SOCK_CHART_RANGE_5_MIN);
  assert_shown (&shown, "\n1.234\n", TRUE);
  g_assert_cmpint (gtk_widget_get_width (chart), >, 100);
  sock_chart_hover (SOCK_CHART (chart), gtk_widget_get_width (chart) - 1);
  assert_hover (SOCK_CHART (chart), "In 1.500/s");

  /* off, then on again: what is shown changes at once */
  g_settings_set_boolean (settings, "digit-grouping", FALSE);
  assert_shown (&shown, "\n1234\n", TRUE);
  assert_shown (&shown, "\n1.234\n", FALSE);
  assert_hover (SOCK_CHART (chart), "In 1500/s");
  g_settings_set_boolean (settings, "digit-grouping", TRUE);
  assert_shown (&shown, "\n1.234\n", TRUE);
  assert_hover (SOCK_CHART (chart), "In 1.500/s");

  gtk_window_destroy (window);
  setlocale (LC_NUMERIC, numeric);
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
  ADD (grouping_topics);
  ADD (relative_time);
#undef ADD

  return g_test_run ();
}
