/* bench-wamp-codec.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Decodes EVENT messages of ~107 bytes with the WAMP codec and, as the
 * baseline measured in the same run, with json_parser_load_from_data(), and
 * prints both rates and their ratio. Usage: bench-wamp-codec [N]
 */

#include <stdlib.h>
#include <string.h>

#include "sock-wamp-message.h"

#define N_DISTINCT 1024

static char *messages[N_DISTINCT];
static gsize lengths[N_DISTINCT];

static void
make_messages (void)
{
  for (guint i = 0; i < N_DISTINCT; i++)
    {
      messages[i] = g_strdup_printf ("[36,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",{\"topic\":\"com.myapp.topic%u\"},"
                                     "[\"Hello!\",%u],{\"color\":\"orange\",\"sizes\":[23,42,7]}]",
                                     G_GINT64_CONSTANT (5512315355) + i % 16, G_GINT64_CONSTANT (4429313566) + i,
                                     i % 100, i);
      lengths[i] = strlen (messages[i]);
    }
}

/* What a session does with each frame: the envelope's ids, nothing else. */
static guint64
run_codec (guint n)
{
  guint64 sum = 0;

  for (guint i = 0; i < n; i++)
    {
      SockWampMessage msg;

      if (!sock_wamp_decode (SOCK_WAMP_V2, messages[i % N_DISTINCT], lengths[i % N_DISTINCT], &msg, NULL))
        g_error ("decode failed");
      sum += msg.id + msg.publication + msg.details.len + msg.args.len + msg.kwargs.len;
      sock_wamp_message_clear (&msg);
    }
  return sum;
}

static guint64
run_json_glib (guint n)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  guint64 sum = 0;

  for (guint i = 0; i < n; i++)
    {
      JsonArray *array;

      if (!json_parser_load_from_data (parser, messages[i % N_DISTINCT], lengths[i % N_DISTINCT], NULL))
        g_error ("parse failed");
      array = json_node_get_array (json_parser_get_root (parser));
      sum += json_array_get_int_element (array, 1) + json_array_get_int_element (array, 2) +
             json_object_get_size (json_array_get_object_element (array, 3)) +
             json_array_get_length (json_array_get_array_element (array, 4)) +
             json_object_get_size (json_array_get_object_element (array, 5));
    }
  return sum;
}

static double
rate (guint64 (*run) (guint), guint n, guint64 *sum)
{
  gint64 start = g_get_monotonic_time ();

  *sum = run (n);
  return n / ((g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 1000000;
  guint64 sum_codec, sum_glib;
  double codec, glib;
  gsize total = 0;

  make_messages ();
  for (guint i = 0; i < N_DISTINCT; i++)
    total += lengths[i];

  run_codec (n / 10);  /* warm up */
  codec = rate (run_codec, n, &sum_codec);
  glib = rate (run_json_glib, n, &sum_glib);

  g_print ("EVENT messages: %u, mean %.0f bytes\n", n, total / (double) N_DISTINCT);
  g_print ("wamp codec:  %10.0f messages/s (%.2f us each)\n", codec, 1e6 / codec);
  g_print ("json-glib:   %10.0f messages/s (%.2f us each)\n", glib, 1e6 / glib);
  g_print ("ratio:       %10.1fx\n", codec / glib);

  for (guint i = 0; i < N_DISTINCT; i++)
    g_free (messages[i]);
  return 0;
}
