/* sock-send-entry.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One thing sent by hand from a form, to send again: a publication (topic), a call (procedure)
 * or a raw frame, its Arguments and Keyword arguments (or frame) as JSON text, and, for a named
 * template, its name. Items of SockSendHistory's lists.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sock-message-log.h"

G_BEGIN_DECLS

typedef enum
{
  SOCK_SEND_PUBLISH,
  SOCK_SEND_CALL,
  SOCK_SEND_RAW,
} SockSendKind;

#define SOCK_TYPE_SEND_ENTRY (sock_send_entry_get_type ())

G_DECLARE_FINAL_TYPE (SockSendEntry, sock_send_entry, SOCK, SEND_ENTRY, GObject)

/* uri: the topic or procedure (NULL for raw); args, kwargs: JSON text or NULL (raw: the frame's
 * text in args). */
SockSendEntry *sock_send_entry_new          (SockSendKind   kind,
                                             const char    *uri,
                                             const char    *args,
                                             const char    *kwargs);
SockSendKind   sock_send_entry_get_kind     (SockSendEntry *self);
const char    *sock_send_entry_get_uri      (SockSendEntry *self);
const char    *sock_send_entry_get_args     (SockSendEntry *self);
const char    *sock_send_entry_get_kwargs   (SockSendEntry *self);
/* A template's name, or NULL. */
const char    *sock_send_entry_get_name     (SockSendEntry *self);
void           sock_send_entry_set_name     (SockSendEntry *self,
                                             const char    *name);
/* When it was sent or saved (g_get_real_time () units). */
gint64         sock_send_entry_get_time     (SockSendEntry *self);
/* One line for a list: "demo.add [2,3]". */
char          *sock_send_entry_dup_summary  (SockSendEntry *self);
/* Same kind, URI and payload. */
gboolean       sock_send_entry_same         (SockSendEntry *self,
                                             SockSendEntry *other);

/* The publication, event or call logged at seq as an entry to send again (an event becomes a
 * publication on its topic); NULL for any other record or one no longer in the log. */
SockSendEntry *sock_send_entry_new_from_log (SockMessageLog *log,
                                             guint64         seq);

JsonNode      *sock_send_entry_to_json      (SockSendEntry *self);
/* NULL (and error) for an object that is not an entry. */
SockSendEntry *sock_send_entry_new_from_json (JsonNode     *node,
                                              GError      **error);

G_END_DECLS
