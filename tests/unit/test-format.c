/* test-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Durations in the unit a person reads: never "16393 ms".
 */

#include "config.h"

#include "sock-format.h"

static void
test_format_duration (void)
{
  struct {
    gint64      us;
    const char *text;
  } cases[] = {
    { -5, "0.0 ms" },
    { 0, "0.0 ms" },
    { 3200, "3.2 ms" },
    { 9949, "9.9 ms" },
    { 850000, "850 ms" },
    { 999600, "1.0 s" },
    { 16393000, "16.4 s" },
    { 59940000, "59.9 s" },
    { 59960000, "1 min 0 s" },
    { 123000000, "2 min 3 s" },
    { 3599000000, "59 min 59 s" },
    { 3599600000, "1 h 0 min" },
    { G_GINT64_CONSTANT (3900) * G_USEC_PER_SEC, "1 h 5 min" },
    { G_GINT64_CONSTANT (100) * 3600 * G_USEC_PER_SEC, "100 h 0 min" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sock_format_duration (cases[i].us);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sockscope/format/duration", test_format_duration);
  return g_test_run ();
}
