/* sock-wamp-fields.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The named fields of a WAMP message (v1 and v2, JSON), for a reader: "Request", "Subscription",
 * "Publication", "Details", "Arguments", "Keyword arguments"… each with its role (an id, a URI,
 * a dictionary to show as a table, a payload to pretty-print) and where its value lies in the
 * frame, so that it is shown exactly as it came. Read with the bounded scanner, no tree.
 */

#pragma once

#include "sock-json-scan.h"
#include "sock-wamp-message.h"

G_BEGIN_DECLS

typedef enum
{
  SOCK_WAMP_FIELD_ID,            /* a number: request, session, subscription, publication … */
  SOCK_WAMP_FIELD_URI,           /* topic, procedure, error, reason, realm */
  SOCK_WAMP_FIELD_REQUEST_TYPE,  /* ERROR's type of the failed request */
  SOCK_WAMP_FIELD_DICT,          /* Details, Options, Extra: a table */
  SOCK_WAMP_FIELD_PAYLOAD,       /* Arguments, Keyword arguments, an event, a result */
  SOCK_WAMP_FIELD_TEXT,          /* other strings: auth method, signature, description */
  SOCK_WAMP_FIELD_OTHER,         /* anything the type does not name */
} SockWampFieldRole;

#define SOCK_WAMP_FIELDS_MAX 16

typedef struct
{
  const char        *name;     /* English, static; translate with _() (marked N_ here) */
  SockWampFieldRole  role;
  SockJsonElement    element;  /* in the frame */
} SockWampField;

typedef struct
{
  SockWampVersion version;
  int             type;
  guint           n_fields;
  guint           n_elements;     /* of the frame, the type code included */
  SockWampField   fields[SOCK_WAMP_FIELDS_MAX];
  gboolean        progress;       /* a progressive RESULT or YIELD (progress: true) */
  gboolean        acknowledge;    /* a PUBLISH that asks for PUBLISHED */
  int             request_type;   /* ERROR: the failed request's type, else -1 */
} SockWampFields;

/* Fails (SOCK_ERROR_INVALID_JSON) when the frame is not a JSON array starting with a type code.
 * Elements beyond SOCK_WAMP_FIELDS_MAX are not named (n_elements still counts them). */
gboolean            sock_wamp_fields_read      (SockWampVersion  version,
                                                const char      *frame,
                                                gsize            len,
                                                SockWampFields  *out,
                                                GError         **error);
/* The field named name ("Details"), or NULL. */
const SockWampField *sock_wamp_fields_find     (const SockWampFields *fields,
                                                const char           *name);

G_END_DECLS
