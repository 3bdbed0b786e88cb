/* bench-wamp-codec.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Decodes EVENT messages of ~107 bytes with the WAMP codec and, as the
 * baseline measured in the same run, with json_parser_load_from_data(), and
 * prints both rates and their ratio. Then the same EVENTs as MessagePack and
 * CBOR frames, each transcoded to JSON text and decoded by the codec, side by
 * side with JSON, and (when built with them) the Debian libraries' decoders
 * over the same frames. Usage: bench-wamp-codec [N]
 */

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-wamp-serializer-libs.h"
#include "sock-wamp-message.h"
#include "sock-json-scan.h"
#include "sock-wamp-serializer-private.h"

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

static GBytes *frames[2][N_DISTINCT];  /* MessagePack, CBOR */
static SockWampSerializer current;

static void
make_frames (void)
{
  for (guint f = 0; f < 2; f++)
    for (guint i = 0; i < N_DISTINCT; i++)
      {
        g_autoptr(GByteArray) out = g_byte_array_new ();

        if (!sock_wamp_serializer_from_json (f == 0 ? SOCK_WAMP_SERIALIZER_MSGPACK : SOCK_WAMP_SERIALIZER_CBOR,
                                             messages[i], lengths[i], out, NULL))
          g_error ("encode failed");
        frames[f][i] = g_byte_array_free_to_bytes (g_steal_pointer (&out));
      }
}

static GBytes **
current_frames (void)
{
  return frames[current == SOCK_WAMP_SERIALIZER_MSGPACK ? 0 : 1];
}

/* What a session would do with a binary frame: transcode it once into a
 * reused buffer, then decode the text as any JSON frame. */
static guint64
run_transcode_decode (guint n)
{
  g_autoptr(GString) json = g_string_sized_new (256);
  GBytes **f = current_frames ();
  guint64 sum = 0;

  for (guint i = 0; i < n; i++)
    {
      SockWampMessage msg;
      gsize len;
      const guint8 *data = g_bytes_get_data (f[i % N_DISTINCT], &len);

      g_string_truncate (json, 0);
      if (!sock_wamp_serializer_to_json (current, data, len, json, NULL) ||
          !sock_wamp_decode (SOCK_WAMP_V2, json->str, json->len, &msg, NULL))
        g_error ("decode failed");
      sum += msg.id + msg.publication + msg.details.len + msg.args.len + msg.kwargs.len;
      sock_wamp_message_clear (&msg);
    }
  return sum;
}

static guint64
run_transcode (guint n)
{
  g_autoptr(GString) json = g_string_sized_new (256);
  GBytes **f = current_frames ();
  guint64 sum = 0;

  for (guint i = 0; i < n; i++)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (f[i % N_DISTINCT], &len);

      g_string_truncate (json, 0);
      if (!sock_wamp_serializer_to_json (current, data, len, json, NULL))
        g_error ("transcode failed");
      sum += json->len;
    }
  return sum;
}

static guint64
run_transcode_elements (guint n)
{
  g_autoptr(GString) json = g_string_sized_new (256);
  GBytes **f = current_frames ();
  SockJsonElement elements[8];
  guint64 sum = 0;

  for (guint i = 0; i < n; i++)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (f[i % N_DISTINCT], &len);
      guint n_elements;

      g_string_truncate (json, 0);
      if (!_sock_wamp_serializer_to_json_elements (current, data, len, json, elements, 8, &n_elements, NULL))
        g_error ("transcode failed");
      sum += elements[n_elements - 1].offset;
    }
  return sum;
}

/* The part of the codec that a transcoder noting elements makes redundant. */
static guint64
run_scan (guint n)
{
  SockJsonElement elements[8];
  guint64 sum = 0;

  for (guint i = 0; i < n; i++)
    {
      guint n_elements;

      if (!sock_json_scan_array (messages[i % N_DISTINCT], lengths[i % N_DISTINCT], elements, 8, &n_elements,
                                 NULL, NULL))
        g_error ("scan failed");
      sum += elements[n_elements - 1].offset;
    }
  return sum;
}

static guint64
run_encode (guint n)
{
  g_autoptr(GByteArray) out = g_byte_array_sized_new (256);
  guint64 sum = 0;

  for (guint i = 0; i < n; i++)
    {
      g_byte_array_set_size (out, 0);
      if (!sock_wamp_serializer_from_json (current, messages[i % N_DISTINCT], lengths[i % N_DISTINCT], out, NULL))
        g_error ("encode failed");
      sum += out->len;
    }
  return sum;
}

#ifdef HAVE_MSGPACK_C
static guint64 run_msgpack_c (guint n) { return bench_msgpack_c_unpack (frames[0], N_DISTINCT, n); }
#endif
#ifdef HAVE_LIBCBOR
static guint64 run_libcbor_load (guint n) { return bench_libcbor_load (frames[1], N_DISTINCT, n); }
static guint64 run_libcbor_stream (guint n) { return bench_libcbor_stream (frames[1], N_DISTINCT, n); }
#endif

static double
rate (guint64 (*run) (guint), guint n, guint64 *sum);

static gsize
mean_size (guint f)
{
  gsize total = 0;

  for (guint i = 0; i < N_DISTINCT; i++)
    total += g_bytes_get_size (frames[f][i]);
  return total / N_DISTINCT;
}

static void
print_rate (const char *what,
            double      value,
            double      json)
{
  g_print ("%-42s %10.0f messages/s (%.2f us each, %.2fx JSON)\n", what, value, 1e6 / value, value / json);
}

static void
bench_serializers (guint  n,
                   double json)
{
  const SockWampSerializer binary[] = { SOCK_WAMP_SERIALIZER_MSGPACK, SOCK_WAMP_SERIALIZER_CBOR };
  guint64 sum;
  double scan;

  make_frames ();
  g_print ("\nThe same EVENTs as MessagePack (mean %" G_GSIZE_FORMAT " bytes) and CBOR (mean %" G_GSIZE_FORMAT
           " bytes):\n", mean_size (0), mean_size (1));
  print_rate ("JSON: codec", json, json);
  scan = rate (run_scan, n, &sum);
  print_rate ("JSON: the codec's scan alone", scan, json);
  for (guint b = 0; b < G_N_ELEMENTS (binary); b++)
    {
      g_autofree char *decode = NULL, *transcode = NULL, *encode = NULL;

      current = binary[b];
      decode = g_strdup_printf ("%s: to JSON + codec", sock_wamp_serializer_get_name (current));
      transcode = g_strdup_printf ("%s: to JSON only", sock_wamp_serializer_get_name (current));
      encode = g_strdup_printf ("%s: from JSON (sending)", sock_wamp_serializer_get_name (current));
      run_transcode_decode (n / 10);  /* warm up */
      print_rate (decode, rate (run_transcode_decode, n, &sum), json);
      print_rate (transcode, rate (run_transcode, n, &sum), json);
      {
        g_autofree char *noting = g_strdup_printf ("%s: to JSON noting elements", sock_wamp_serializer_get_name (current));
        g_autofree char *projected = g_strdup_printf ("%s: projected, codec skips scan", sock_wamp_serializer_get_name (current));
        double with_elements = rate (run_transcode_elements, n, &sum);

        print_rate (noting, with_elements, json);
        /* Not measured whole: the codec has no entry for noted elements yet. */
        print_rate (projected, 1 / (1 / with_elements + 1 / json - 1 / scan), json);
      }
      print_rate (encode, rate (run_encode, n, &sum), json);
    }
#ifdef HAVE_MSGPACK_C
  print_rate ("msgpack-c: unpack to a tree only", rate (run_msgpack_c, n, &sum), json);
#endif
#ifdef HAVE_LIBCBOR
  print_rate ("libcbor: cbor_load tree only", rate (run_libcbor_load, n, &sum), json);
  print_rate ("libcbor: stream, no-op callbacks", rate (run_libcbor_stream, n, &sum), json);
#endif
  for (guint f = 0; f < 2; f++)
    for (guint i = 0; i < N_DISTINCT; i++)
      g_bytes_unref (frames[f][i]);
}

/* CPU time of this thread: on a machine shared with other builds, wall time
 * measures the neighbours as much as the code. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
rate (guint64 (*run) (guint), guint n, guint64 *sum)
{
  double start = cpu_seconds ();

  *sum = run (n);
  return n / (cpu_seconds () - start);
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

  bench_serializers (n, codec);

  for (guint i = 0; i < N_DISTINCT; i++)
    g_free (messages[i]);
  return 0;
}
