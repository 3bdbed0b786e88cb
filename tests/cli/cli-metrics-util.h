/* cli-metrics-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the `watch` tests: start the agent, scrape its /metrics over HTTP, read one sample.
 */

#pragma once

#include <libsoup/soup.h>
#include <stdlib.h>

#include "cli-demo-util.h"

static G_GNUC_UNUSED gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

/* GET url: the body, or NULL when the request failed or did not answer 200. */
static G_GNUC_UNUSED char *
http_get (const char *url)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 5, NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = soup_session_send_and_read (session, message, NULL, NULL);

  if (body == NULL || soup_message_get_status (message) != SOUP_STATUS_OK)
    return NULL;
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* `sockscope-cli watch args…`, returned once it serves; *out_url: its /metrics. */
static G_GNUC_UNUSED GSubprocess *
start_watch (const char * const *args,
             char              **out_url)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  GSubprocess *watch;
  GDataInputStream *lines;

  g_ptr_array_add (argv, "watch");
  g_ptr_array_add (argv, "--metrics-listen");
  g_ptr_array_add (argv, "127.0.0.1:0");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  watch = spawn_tied (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, (const char * const *) argv->pdata);
  lines = g_data_input_stream_new (g_subprocess_get_stderr_pipe (watch));
  g_object_set_data_full (G_OBJECT (watch), "stderr-lines", lines, g_object_unref);
  for (;;)
    {
      g_autofree char *line = read_line_within (lines, "watch to say where it serves metrics");
      const char *at;

      g_assert_nonnull (line);
      if ((at = strstr (line, "serving metrics at ")) != NULL)
        {
          *out_url = g_strdup (at + strlen ("serving metrics at "));
          return watch;
        }
    }
}

static G_GNUC_UNUSED void
stop_watch (GSubprocess *watch)
{
  g_subprocess_send_signal (watch, SIGTERM);
  g_assert_cmpint (wait_exit_within (watch, "watch to end on SIGTERM"), ==, 0);
}

/* The value of the sample whose name and labels are exactly series ("name{a=\"b\"}"); -1 when
 * absent (or the scrape failed). */
static G_GNUC_UNUSED double
sample_value (const char *metrics_url,
              const char *series)
{
  g_autofree char *text = http_get (metrics_url);
  g_autofree char *start = g_strconcat ("\n", series, " ", NULL);
  const char *at;

  if (text == NULL || (at = strstr (text, start)) == NULL)
    return -1;
  return g_ascii_strtod (at + strlen (start), NULL);
}
