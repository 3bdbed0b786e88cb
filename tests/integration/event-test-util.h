/* event-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the tests that watch a SockConnection's "event" signal: how many events came, and the last
 * one's topic, publication, and Details and payload as JSON text.
 */

#pragma once

#include "sock-connection.h"

typedef struct
{
  guint   n;
  char   *topic;
  char   *args;     /* NULL when the event had none */
  char   *kwargs;   /* NULL when the event had none */
  char   *details;
  gint64  publication;
} SeenEvents;

/* An "event" handler: g_signal_connect (connection, "event", G_CALLBACK (seen_events_add), &seen). */
static G_GNUC_UNUSED void
seen_events_add (SockConnection  *connection,
                 const SockEvent *event,
                 SeenEvents      *seen)
{
  seen->n++;
  g_free (seen->topic);
  g_free (seen->args);
  g_free (seen->kwargs);
  g_free (seen->details);
  seen->topic = g_strdup (event->topic);
  seen->args = event->args.data ? g_strndup (event->args.data, event->args.len) : NULL;
  seen->kwargs = event->kwargs.data ? g_strndup (event->kwargs.data, event->kwargs.len) : NULL;
  seen->details = event->details.data ? g_strndup (event->details.data, event->details.len) : NULL;
  seen->publication = event->publication;
}

static G_GNUC_UNUSED void
seen_events_clear (SeenEvents *seen)
{
  g_clear_pointer (&seen->topic, g_free);
  g_clear_pointer (&seen->args, g_free);
  g_clear_pointer (&seen->kwargs, g_free);
  g_clear_pointer (&seen->details, g_free);
  seen->n = 0;
}
