/* test-log-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For tests that compare two message logs: an export read back, the log a view shows.
 */

#pragma once

#include <glib.h>

#include "sock-message-log.h"

/* a and b hold the same records, in order: times, ids, sizes, directions, kinds, types, flags,
 * URIs and bytes. */
static G_GNUC_UNUSED void
assert_same_logs (SockMessageLog *a,
                  SockMessageLog *b)
{
  guint64 sa = sock_message_log_get_first_seq (a), sb = sock_message_log_get_first_seq (b);

  g_assert_cmpuint (sock_message_log_get_n_retained (a), ==, sock_message_log_get_n_retained (b));
  for (guint i = 0; i < sock_message_log_get_n_retained (a); i++)
    {
      SockLogEntry ea, eb;
      const guint8 *ra, *rb;
      gsize la, lb;

      g_assert_true (sock_message_log_peek (a, sa + i, &ea, &ra, &la));
      g_assert_true (sock_message_log_peek (b, sb + i, &eb, &rb, &lb));
      g_assert_cmpint (ea.time_us, ==, eb.time_us);
      g_assert_cmpuint (ea.request_id, ==, eb.request_id);
      g_assert_cmpuint (ea.second_id, ==, eb.second_id);
      g_assert_cmpuint (ea.size, ==, eb.size);
      g_assert_cmpuint (ea.direction, ==, eb.direction);
      g_assert_cmpuint (ea.kind, ==, eb.kind);
      g_assert_cmpuint (ea.type, ==, eb.type);
      g_assert_cmpuint (ea.flags, ==, eb.flags);
      g_assert_cmpstr (sock_message_log_get_uri (a, ea.uri), ==, sock_message_log_get_uri (b, eb.uri));
      g_assert_cmpmem (ra, la, rb, lb);
    }
}
