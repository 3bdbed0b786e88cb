/* test-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Durations in the unit a person reads: never "16393 ms"; counts of bytes in core's texts grouped
 * as the locale groups digits (LC_NUMERIC=de_DE.UTF-8: "1.048.576") unless grouping is off.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "sock-error.h"
#include "sock-format.h"
#include "sock-json-diff.h"
#include "sock-profile.h"
#include "sock-rawsocket.h"

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

/* The error of a comparison of too large a text, of a RawSocket header announcing too long a
 * message, and of too small a largest message size. */
static char *
dup_core_errors (void)
{
  gsize len = SOCK_JSON_DIFF_MAX_INPUT + 1;
  g_autofree char *spaces = g_malloc (len);
  SockJsonDiff *diff = sock_json_diff_new ();
  g_autoptr(SockRawsocketReader) reader = sock_rawsocket_reader_new (1000);
  g_autoptr(SockProfile) profile = sock_profile_new_for_url ("ws://127.0.0.1:9/ws", NULL);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GError) too_large = NULL;
  g_autoptr(GError) too_long = NULL;
  g_autoptr(GError) too_small = NULL;

  memset (spaces, ' ', len);
  g_assert_false (sock_json_diff_add (diff, NULL, spaces, len, "1", 1, &too_large));
  g_assert_error (too_large, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE);
  sock_json_diff_free (diff);
  /* 1,000,000 bytes announced */
  sock_rawsocket_reader_push (reader, (const guint8 *) "\x00\x0f\x42\x40", 4);
  g_assert_false (sock_rawsocket_reader_next (reader, NULL, &payload, &too_long));
  g_assert_error (too_long, SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_TOO_LONG);
  sock_profile_set_max_message_size (profile, 1000);
  g_assert_false (sock_profile_validate (profile, &too_small));
  g_assert_error (too_small, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE);
  return g_strjoin ("\n", too_large->message, too_long->message, too_small->message, NULL);
}

static void
test_format_grouping (void)
{
  g_autofree char *numeric = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *grouped = NULL, *plain = NULL, *errors = NULL, *plain_errors = NULL;

  /* C.UTF-8 has no thousands separator: German has one (1.234) */
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("no de_DE.UTF-8 locale (localedef -i de_DE -f UTF-8 de_DE.UTF-8)");
      return;
    }
  g_assert_true (sock_format_get_grouping ());
  grouped = sock_format_number (1234567);
  errors = dup_core_errors ();
  sock_format_set_grouping (FALSE);
  plain = sock_format_number (1234567);
  plain_errors = dup_core_errors ();
  sock_format_set_grouping (TRUE);
  setlocale (LC_NUMERIC, numeric);

  g_assert_cmpstr (grouped, ==, "1.234.567");
  g_assert_cmpstr (plain, ==, "1234567");
  g_assert_cmpstr (errors, ==,
                   "Too large to compare: 4.194.305 bytes (at most 4.194.304)\n"
                   "The peer announced a RawSocket message of 1.000.000 bytes, more than the 1.000 bytes Sockscope "
                   "accepts. Raise the maximum incoming message size in the connection's options.\n"
                   "The largest message size must be at least 1 KiB (it is 1.000 bytes)");
  g_assert_cmpstr (plain_errors, ==,
                   "Too large to compare: 4194305 bytes (at most 4194304)\n"
                   "The peer announced a RawSocket message of 1000000 bytes, more than the 1000 bytes Sockscope "
                   "accepts. Raise the maximum incoming message size in the connection's options.\n"
                   "The largest message size must be at least 1 KiB (it is 1000 bytes)");
}

/* Durations in milliseconds as the window and the CLI show them: the whole part grouped, the
 * locale's decimal separator. */
static void
test_format_decimal (void)
{
  g_autofree char *numeric = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *whole = NULL, *tenths = NULL, *small = NULL, *plain = NULL, *plain_tenths = NULL;

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("no de_DE.UTF-8 locale (localedef -i de_DE -f UTF-8 de_DE.UTF-8)");
      return;
    }
  whole = sock_format_decimal (10012.4, 0);
  tenths = sock_format_decimal (12345.64, 1);
  small = sock_format_decimal (2.5, 1);
  sock_format_set_grouping (FALSE);
  plain = sock_format_decimal (10012.4, 0);
  plain_tenths = sock_format_decimal (12345.64, 1);
  sock_format_set_grouping (TRUE);
  setlocale (LC_NUMERIC, numeric);

  g_assert_cmpstr (whole, ==, "10.012");
  g_assert_cmpstr (tenths, ==, "12.345,6");
  g_assert_cmpstr (small, ==, "2,5");
  g_assert_cmpstr (plain, ==, "10012");
  g_assert_cmpstr (plain_tenths, ==, "12345,6");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sockscope/format/duration", test_format_duration);
  g_test_add_func ("/sockscope/format/grouping", test_format_grouping);
  g_test_add_func ("/sockscope/format/decimal", test_format_decimal);
  return g_test_run ();
}
