/* sock-send-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sock-error.h"
#include "sock-send-entry.h"
#include "sock-wamp-message.h"

/* What one entry may hold: a form's payload, not a log. */
#define MAX_FIELD_BYTES (256 * 1024)

struct _SockSendEntry
{
  GObject       parent_instance;

  SockSendKind  kind;
  char         *uri;
  char         *args;
  char         *kwargs;
  char         *name;
  gint64        time_us;
};

G_DEFINE_FINAL_TYPE (SockSendEntry, sock_send_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SUMMARY,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_names[] = { "publish", "call", "raw" };

static void
sock_send_entry_finalize (GObject *object)
{
  SockSendEntry *self = SOCK_SEND_ENTRY (object);

  g_free (self->uri);
  g_free (self->args);
  g_free (self->kwargs);
  g_free (self->name);

  G_OBJECT_CLASS (sock_send_entry_parent_class)->finalize (object);
}

static void
sock_send_entry_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SockSendEntry *self = SOCK_SEND_ENTRY (object);

  switch (prop_id)
    {
    case PROP_SUMMARY: g_value_take_string (value, sock_send_entry_dup_summary (self)); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_send_entry_class_init (SockSendEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sock_send_entry_finalize;
  object_class->get_property = sock_send_entry_get_property;

  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sock_send_entry_init (SockSendEntry *self)
{
}

SockSendEntry *
sock_send_entry_new (SockSendKind  kind,
                     const char   *uri,
                     const char   *args,
                     const char   *kwargs)
{
  SockSendEntry *self;

  g_return_val_if_fail (kind <= SOCK_SEND_RAW, NULL);

  self = g_object_new (SOCK_TYPE_SEND_ENTRY, NULL);
  self->kind = kind;
  self->uri = g_strdup (uri);
  self->args = g_strdup (args);
  self->kwargs = g_strdup (kwargs);
  self->time_us = g_get_real_time ();
  return self;
}

SockSendKind
sock_send_entry_get_kind (SockSendEntry *self)
{
  g_return_val_if_fail (SOCK_IS_SEND_ENTRY (self), SOCK_SEND_PUBLISH);
  return self->kind;
}

const char *
sock_send_entry_get_uri (SockSendEntry *self)
{
  g_return_val_if_fail (SOCK_IS_SEND_ENTRY (self), NULL);
  return self->uri;
}

const char *
sock_send_entry_get_args (SockSendEntry *self)
{
  g_return_val_if_fail (SOCK_IS_SEND_ENTRY (self), NULL);
  return self->args;
}

const char *
sock_send_entry_get_kwargs (SockSendEntry *self)
{
  g_return_val_if_fail (SOCK_IS_SEND_ENTRY (self), NULL);
  return self->kwargs;
}

const char *
sock_send_entry_get_name (SockSendEntry *self)
{
  g_return_val_if_fail (SOCK_IS_SEND_ENTRY (self), NULL);
  return self->name;
}

void
sock_send_entry_set_name (SockSendEntry *self,
                          const char    *name)
{
  g_return_if_fail (SOCK_IS_SEND_ENTRY (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

gint64
sock_send_entry_get_time (SockSendEntry *self)
{
  g_return_val_if_fail (SOCK_IS_SEND_ENTRY (self), 0);
  return self->time_us;
}

char *
sock_send_entry_dup_summary (SockSendEntry *self)
{
  g_autoptr(GString) text = g_string_new (self->uri);
  const char *parts[] = { self->args, self->kwargs };

  g_return_val_if_fail (SOCK_IS_SEND_ENTRY (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && *parts[i] != '\0')
      {
        /* one line: newlines of a pretty-printed payload become spaces */
        g_autofree char *line = g_strdup (parts[i]);

        g_strdelimit (line, "\r\n\t", ' ');
        if (text->len > 0)
          g_string_append_c (text, ' ');
        g_string_append (text, line);
      }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
sock_send_entry_same (SockSendEntry *self,
                      SockSendEntry *other)
{
  g_return_val_if_fail (SOCK_IS_SEND_ENTRY (self) && SOCK_IS_SEND_ENTRY (other), FALSE);

  return self->kind == other->kind && g_strcmp0 (self->uri, other->uri) == 0
         && g_strcmp0 (self->args, other->args) == 0 && g_strcmp0 (self->kwargs, other->kwargs) == 0;
}

static char *
dup_range (SockJsonRange range,
           gboolean      spread)
{
  if (range.data == NULL)
    return spread ? g_strdup ("[]") : NULL;
  /* v1 spreads its values over the message: as a form's Arguments they are one array */
  return spread ? g_strdup_printf ("[%.*s]", (int) range.len, range.data) : g_strndup (range.data, range.len);
}

SockSendEntry *
sock_send_entry_new_from_log (SockMessageLog *log,
                              guint64         seq)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(SockWampMessage) message = { 0 };
  g_autofree char *args = NULL;
  g_autofree char *kwargs = NULL;
  SockLogEntry entry;
  const guint8 *raw;
  const char *uri;
  SockSendKind kind;
  gsize len;

  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (log), NULL);

  if (!sock_message_log_peek (log, seq, &entry, &raw, &len) || raw == NULL
      || (entry.kind != SOCK_LOG_KIND_WAMP1 && entry.kind != SOCK_LOG_KIND_WAMP2))
    return NULL;
  if (entry.type == SOCK_WAMP_PUBLISH || entry.type == SOCK_WAMP_EVENT || entry.type == SOCK_WAMP1_PUBLISH
      || entry.type == SOCK_WAMP1_EVENT)
    kind = SOCK_SEND_PUBLISH;
  else if (entry.type == SOCK_WAMP_CALL || entry.type == SOCK_WAMP1_CALL)
    kind = SOCK_SEND_CALL;
  else
    return NULL;
  /* the topic or procedure as the log knows it (an event's, from its subscription) */
  uri = entry.uri ? sock_message_log_get_uri (log, entry.uri) : NULL;
  if (uri == NULL)
    return NULL;
  if (entry.kind == SOCK_LOG_KIND_WAMP2)
    {
      /* a MessagePack or CBOR record is read in its JSON form */
      if (!sock_wamp_decode_serialized (sock_log_flags_get_serializer (entry.flags), raw, len, text, &message, NULL))
        return NULL;
    }
  else if (!sock_wamp_decode (SOCK_WAMP_V1, (const char *) raw, len, &message, NULL))
    return NULL;
  args = dup_range (message.args, message.args_spread);
  kwargs = dup_range (message.kwargs, FALSE);
  return sock_send_entry_new (kind, uri, args, kwargs);
}

JsonNode *
sock_send_entry_to_json (SockSendEntry *self)
{
  JsonObject *object = json_object_new ();

  g_return_val_if_fail (SOCK_IS_SEND_ENTRY (self), NULL);

  json_object_set_string_member (object, "kind", kind_names[self->kind]);
  if (self->name != NULL)
    json_object_set_string_member (object, "name", self->name);
  if (self->uri != NULL)
    json_object_set_string_member (object, "uri", self->uri);
  if (self->args != NULL)
    json_object_set_string_member (object, "args", self->args);
  if (self->kwargs != NULL)
    json_object_set_string_member (object, "kwargs", self->kwargs);
  json_object_set_int_member (object, "time", self->time_us / G_USEC_PER_SEC);
  return json_node_init_object (json_node_alloc (), object);
}

/* A string member, or NULL; FALSE for one that is there but not a string, or too long. */
static gboolean
get_string (JsonObject  *object,
            const char  *name,
            const char **out)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  *out = json_node_get_string (node);
  return strlen (*out) <= MAX_FIELD_BYTES;
}

SockSendEntry *
sock_send_entry_new_from_json (JsonNode  *node,
                               GError   **error)
{
  JsonObject *object = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *kind = NULL, *uri, *args, *kwargs, *name;
  SockSendEntry *self;
  JsonNode *time;

  if (object == NULL || !get_string (object, "kind", &kind) || !get_string (object, "uri", &uri)
      || !get_string (object, "args", &args) || !get_string (object, "kwargs", &kwargs)
      || !get_string (object, "name", &name) || kind == NULL)
    goto bad;
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (kind, kind_names[i]))
      {
        self = sock_send_entry_new (i, uri, args, kwargs);
        self->name = g_strdup (name);
        time = json_object_get_member (object, "time");
        if (time != NULL && json_node_get_value_type (time) == G_TYPE_INT64
            && json_node_get_int (time) > 0 && json_node_get_int (time) < G_MAXINT64 / G_USEC_PER_SEC)
          self->time_us = json_node_get_int (time) * G_USEC_PER_SEC;
        return self;
      }
bad:
  g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
               _("an entry is not an object with a kind (publish, call or raw) and string fields"));
  return NULL;
}
