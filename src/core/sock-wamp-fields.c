/* sock-wamp-fields.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sock-error.h"
#include "sock-wamp-fields.h"

typedef struct
{
  const char        *name;
  SockWampFieldRole  role;
} Spec;

#define ID(n)      { n, SOCK_WAMP_FIELD_ID }
#define URI(n)     { n, SOCK_WAMP_FIELD_URI }
#define DICT(n)    { n, SOCK_WAMP_FIELD_DICT }
#define PAYLOAD(n) { n, SOCK_WAMP_FIELD_PAYLOAD }
#define TEXT(n)    { n, SOCK_WAMP_FIELD_TEXT }
#define ARGS       PAYLOAD (N_("Arguments")), PAYLOAD (N_("Keyword arguments"))
#define END        { NULL, 0 }

/* The elements after the type code, per v2 type (PROTOCOL.md). */
static const Spec *
v2_specs (int type)
{
  static const Spec hello[] = { URI (N_("Realm")), DICT (N_("Details")), END };
  static const Spec welcome[] = { ID (N_("Session")), DICT (N_("Details")), END };
  static const Spec abort_[] = { DICT (N_("Details")), URI (N_("Reason")), ARGS, END };
  static const Spec challenge[] = { TEXT (N_("Auth method")), DICT (N_("Extra")), END };
  static const Spec authenticate[] = { TEXT (N_("Signature")), DICT (N_("Extra")), END };
  static const Spec goodbye[] = { DICT (N_("Details")), URI (N_("Reason")), END };
  static const Spec error[] = { { N_("Request type"), SOCK_WAMP_FIELD_REQUEST_TYPE }, ID (N_("Request")),
                                DICT (N_("Details")), URI (N_("Error")), ARGS, END };
  static const Spec publish[] = { ID (N_("Request")), DICT (N_("Options")), URI (N_("Topic")), ARGS, END };
  static const Spec published[] = { ID (N_("Request")), ID (N_("Publication")), END };
  static const Spec subscribe[] = { ID (N_("Request")), DICT (N_("Options")), URI (N_("Topic")), END };
  static const Spec subscribed[] = { ID (N_("Request")), ID (N_("Subscription")), END };
  static const Spec unsubscribed[] = { ID (N_("Request")), DICT (N_("Details")), END };
  static const Spec event[] = { ID (N_("Subscription")), ID (N_("Publication")), DICT (N_("Details")), ARGS,
                                END };
  static const Spec call[] = { ID (N_("Request")), DICT (N_("Options")), URI (N_("Procedure")), ARGS, END };
  static const Spec cancel[] = { ID (N_("Request")), DICT (N_("Options")), END };
  static const Spec result[] = { ID (N_("Request")), DICT (N_("Details")), ARGS, END };
  static const Spec reg[] = { ID (N_("Request")), DICT (N_("Options")), URI (N_("Procedure")), END };
  static const Spec registered[] = { ID (N_("Request")), ID (N_("Registration")), END };
  static const Spec invocation[] = { ID (N_("Request")), ID (N_("Registration")), DICT (N_("Details")), ARGS,
                                     END };
  static const Spec yield[] = { ID (N_("Request")), DICT (N_("Options")), ARGS, END };

  switch (type)
    {
    case SOCK_WAMP_HELLO: return hello;
    case SOCK_WAMP_WELCOME: return welcome;
    case SOCK_WAMP_ABORT: return abort_;
    case SOCK_WAMP_CHALLENGE: return challenge;
    case SOCK_WAMP_AUTHENTICATE: return authenticate;
    case SOCK_WAMP_GOODBYE: return goodbye;
    case SOCK_WAMP_ERROR: return error;
    case SOCK_WAMP_PUBLISH: return publish;
    case SOCK_WAMP_PUBLISHED: return published;
    case SOCK_WAMP_SUBSCRIBE: return subscribe;
    case SOCK_WAMP_SUBSCRIBED: return subscribed;
    case SOCK_WAMP_UNSUBSCRIBE: return subscribed;  /* Request, Subscription */
    case SOCK_WAMP_UNSUBSCRIBED: return unsubscribed;
    case SOCK_WAMP_EVENT: return event;
    case SOCK_WAMP_CALL: return call;
    case SOCK_WAMP_CANCEL: return cancel;
    case SOCK_WAMP_RESULT: return result;
    case SOCK_WAMP_REGISTER: return reg;
    case SOCK_WAMP_REGISTERED: return registered;
    case SOCK_WAMP_UNREGISTER: return registered;  /* Request, Registration */
    case SOCK_WAMP_UNREGISTERED: return unsubscribed;
    case SOCK_WAMP_INVOCATION: return invocation;
    case SOCK_WAMP_INTERRUPT: return cancel;
    case SOCK_WAMP_YIELD: return yield;
    default: return NULL;
    }
}

static const Spec *
v1_specs (int type)
{
  static const Spec welcome[] = { TEXT (N_("Session")), ID (N_("Protocol version")), TEXT (N_("Server")), END };
  static const Spec prefix[] = { TEXT (N_("Prefix")), URI (N_("URI")), END };
  static const Spec call[] = { TEXT (N_("Call ID")), URI (N_("Procedure")), END };
  static const Spec callresult[] = { TEXT (N_("Call ID")), PAYLOAD (N_("Result")), END };
  static const Spec callerror[] = { TEXT (N_("Call ID")), URI (N_("Error")), TEXT (N_("Description")),
                                    PAYLOAD (N_("Error details")), END };
  static const Spec topic[] = { URI (N_("Topic")), END };
  static const Spec publish[] = { URI (N_("Topic")), PAYLOAD (N_("Event")), PAYLOAD (N_("Exclude")),
                                  PAYLOAD (N_("Eligible")), END };
  static const Spec event[] = { URI (N_("Topic")), PAYLOAD (N_("Event")), END };

  switch (type)
    {
    case SOCK_WAMP1_WELCOME: return welcome;
    case SOCK_WAMP1_PREFIX: return prefix;
    case SOCK_WAMP1_CALL: return call;
    case SOCK_WAMP1_CALLRESULT: return callresult;
    case SOCK_WAMP1_CALLERROR: return callerror;
    case SOCK_WAMP1_SUBSCRIBE: return topic;
    case SOCK_WAMP1_UNSUBSCRIBE: return topic;
    case SOCK_WAMP1_PUBLISH: return publish;
    case SOCK_WAMP1_EVENT: return event;
    default: return NULL;
    }
}

/* v1 CALL spreads its arguments: each gets its own name. */
static const char *
v1_argument_name (guint i)
{
  static const char *names[] = { N_("Argument 1"), N_("Argument 2"), N_("Argument 3"), N_("Argument 4"),
                                 N_("Argument 5"), N_("Argument 6"), N_("Argument 7"), N_("Argument 8"),
                                 N_("Argument 9"), N_("Argument 10"), N_("Argument 11"), N_("Argument 12"),
                                 N_("Argument 13"), N_("Argument 14") };

  return i < G_N_ELEMENTS (names) ? names[i] : N_("Argument");
}

static gboolean
member_true (const char            *frame,
             const SockWampField   *field,
             const char            *key)
{
  SockJsonElement member;

  return field != NULL && field->element.kind == SOCK_JSON_OBJECT &&
         sock_json_object_find_member (frame + field->element.offset, field->element.len, key, &member) &&
         member.kind == SOCK_JSON_TRUE;
}

gboolean
sock_wamp_fields_read (SockWampVersion  version,
                       const char      *frame,
                       gsize            len,
                       SockWampFields  *out,
                       GError         **error)
{
  SockJsonElement elements[SOCK_WAMP_FIELDS_MAX + 1];
  guint n = 0;
  gint64 type;
  const Spec *specs;
  guint named = 0;

  g_return_val_if_fail (frame != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  out->request_type = -1;
  if (!sock_json_scan_array (frame, len, elements, G_N_ELEMENTS (elements), &n, NULL, error))
    return FALSE;
  if (n == 0 || sock_json_parse_integer (frame, &elements[0], &type) != SOCK_JSON_INTEGER_OK ||
      type < 0 || type > 255)
    {
      g_set_error_literal (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON,
                           _("not a WAMP message: the first element is not a message type"));
      return FALSE;
    }
  out->version = version;
  out->type = (int) type;
  out->n_elements = n;
  specs = version == SOCK_WAMP_V1 ? v1_specs (out->type) : v2_specs (out->type);
  for (guint i = 1; i < MIN (n, G_N_ELEMENTS (elements)); i++)
    {
      SockWampField *field = &out->fields[out->n_fields++];

      field->element = elements[i];
      if (specs != NULL && specs[named].name != NULL)
        {
          field->name = specs[named].name;
          field->role = specs[named].role;
          named++;
        }
      else if (version == SOCK_WAMP_V1 && out->type == SOCK_WAMP1_CALL)
        {
          field->name = v1_argument_name (i - 3);
          field->role = SOCK_WAMP_FIELD_PAYLOAD;
        }
      else
        {
          field->name = N_("Element");
          field->role = SOCK_WAMP_FIELD_OTHER;
        }
    }
  if (version == SOCK_WAMP_V2)
    {
      const SockWampField *dict = sock_wamp_fields_find (out, out->type == SOCK_WAMP_YIELD ||
                                                              out->type == SOCK_WAMP_PUBLISH ? "Options" : "Details");
      gint64 request_type;

      out->progress = (out->type == SOCK_WAMP_RESULT || out->type == SOCK_WAMP_YIELD) &&
                      member_true (frame, dict, "progress");
      out->acknowledge = out->type == SOCK_WAMP_PUBLISH && member_true (frame, dict, "acknowledge");
      if (out->type == SOCK_WAMP_ERROR && n > 1 &&
          sock_json_parse_integer (frame, &elements[1], &request_type) == SOCK_JSON_INTEGER_OK)
        out->request_type = (int) CLAMP (request_type, -1, 255);
    }
  return TRUE;
}

const SockWampField *
sock_wamp_fields_find (const SockWampFields *fields,
                       const char           *name)
{
  g_return_val_if_fail (fields != NULL, NULL);

  for (guint i = 0; i < fields->n_fields; i++)
    if (fields->fields[i].name != NULL && g_str_equal (fields->fields[i].name, name))
      return &fields->fields[i];
  return NULL;
}
