/* sock-cli-watch-config.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `watch --config FILE`: several connections from a JSON file (format in README.md). A secret is
 * never written in the file: "ticket_env" and "secret_env" name the environment variable that
 * holds it.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sock-cli.h"
#include "sock-cli-watch-private.h"
#include "sock-error.h"
#include "sock-json-scan.h"

#define MAX_CONFIG_BYTES (1 << 20)
#define MAX_CONNECTIONS 256

static const char * const known_members[] = {
  "name", "url", "connection", "realm", "topics", "match", "protocol", "headers", "origin", "ca", "pin", "insecure",
  "authid", "ticket_env", "secret_env", "keepalive", "pong_timeout", "max_message_size", "no_deflate", "checks",
  NULL
};

static gboolean
fail (GError    **error,
      guint       index,
      const char *what)
{
  g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE, _("connection %u: %s"), index + 1, what);
  return FALSE;
}

static char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING ? g_strdup (json_node_get_string (node))
                                                                           : NULL;
}

/* A list of strings, or NULL (also when it is not one: checked by the caller through "ok"). */
static char **
strv_member (JsonObject *object,
             const char *name,
             gboolean   *ok)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return (*ok = FALSE, NULL);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (json_node_get_value_type (element) != G_TYPE_STRING)
        return (*ok = FALSE, NULL);
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  return g_strv_builder_end (builder);
}

static gboolean
secret_from_env (JsonObject  *object,
                 const char  *member,
                 char       **out,
                 guint        index,
                 GError     **error)
{
  g_autofree char *variable = string_member (object, member);
  const char *value;

  if (variable == NULL)
    return TRUE;
  if ((value = g_getenv (variable)) == NULL)
    {
      g_autofree char *what = g_strdup_printf (_("%s names %s, which is not set"), member, variable);
      return fail (error, index, what);
    }
  *out = g_strdup (value);
  return TRUE;
}

static gboolean
read_connection (JsonObject           *object,
                 guint                 index,
                 SockCliWatchConnection *out,
                 GError              **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  gboolean ok = TRUE;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      g_autofree char *what = NULL;

      if (g_strv_contains (known_members, name))
        continue;
      if (g_str_equal (name, "ticket") || g_str_equal (name, "secret"))
        what = g_strdup_printf (_("a secret is never written in the file: put it in an environment variable "
                                  "and name it with \"%s_env\""), name);
      else
        what = g_strdup_printf (_("unknown member “%s”"), name);
      return fail (error, index, what);
    }
  out->url = string_member (object, "url");
  out->saved = string_member (object, "connection");
  if ((out->url == NULL) == (out->saved == NULL))
    return fail (error, index, _("give \"url\" or \"connection\" (the name of a saved connection), as a string"));
  out->name = string_member (object, "name");
  out->match = string_member (object, "match");
  out->topics = strv_member (object, "topics", &ok);
  out->checks = strv_member (object, "checks", &ok);
  out->connect.protocols = strv_member (object, "protocol", &ok);
  out->connect.headers = strv_member (object, "headers", &ok);
  if (!ok)
    return fail (error, index, _("\"topics\", \"checks\", \"protocol\" and \"headers\" are lists of strings"));
  out->connect.realm = string_member (object, "realm");
  out->connect.origin = string_member (object, "origin");
  out->connect.ca_file = string_member (object, "ca");
  out->connect.pin = string_member (object, "pin");
  out->connect.authid = string_member (object, "authid");
  out->connect.pong_timeout = string_member (object, "pong_timeout");
  out->connect.insecure = json_object_get_boolean_member_with_default (object, "insecure", FALSE);
  out->connect.no_deflate = json_object_get_boolean_member_with_default (object, "no_deflate", FALSE);
  out->connect.keepalive = json_object_get_int_member_with_default (object, "keepalive", -1);
  out->connect.max_message_size = json_object_get_int_member_with_default (object, "max_message_size", -1);
  return secret_from_env (object, "ticket_env", &out->connect.ticket, index, error) &&
         secret_from_env (object, "secret_env", &out->connect.secret, index, error);
}

gboolean
sock_cli_watch_read_config (const char  *path,
                            SockCliWatchConfig *config,
                            GError     **error)
{
  g_autofree char *data = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *root;
  JsonArray *connections;
  gsize len;

  if (!g_file_get_contents (path, &data, &len, error))
    return FALSE;
  if (len > MAX_CONFIG_BYTES)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE, _("%s is larger than 1 MiB"), path);
      return FALSE;
    }
  if (!sock_json_validate (data, len, NULL, NULL, error) || !json_parser_load_from_data (parser, data, len, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root = json_node_get_object (json_parser_get_root (parser)),
                                                       "connections")) ||
      (connections = json_object_get_array_member (root, "connections")) == NULL ||
      json_array_get_length (connections) == 0 || json_array_get_length (connections) > MAX_CONNECTIONS)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   _("%s: expected an object with \"connections\": a list of 1 to %d connections"), path,
                   MAX_CONNECTIONS);
      return FALSE;
    }
  if (config->listen == NULL)
    config->listen = string_member (root, "metrics_listen");
  if (json_object_has_member (root, "max_topics"))
    config->max_topics = json_object_get_int_member_with_default (root, "max_topics", config->max_topics);
  for (guint i = 0; i < json_array_get_length (connections); i++)
    {
      SockCliWatchConnection *connection = g_new0 (SockCliWatchConnection, 1);

      g_ptr_array_add (config->connections, connection);
      if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (connections, i)))
        return fail (error, i, _("not a JSON object"));
      if (!read_connection (json_array_get_object_element (connections, i), i, connection, error))
        {
          g_prefix_error (error, "%s: ", path);
          return FALSE;
        }
    }
  return TRUE;
}

void
sock_cli_watch_connection_free (SockCliWatchConnection *self)
{
  sock_cli_connect_options_clear (&self->connect);
  g_free (self->name);
  g_free (self->url);
  g_free (self->saved);
  g_free (self->match);
  g_strfreev (self->topics);
  g_strfreev (self->checks);
  g_free (self);
}
