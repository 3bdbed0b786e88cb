/* sock-demo-router-broker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Subscriptions (one id per topic and match policy, shared by its subscribers) and publishing,
 * for WAMP v2 and v1 sessions alike. A v2 payload reaches a v1 subscriber as args[0] (or the
 * kwargs when there are no args); the frames are built once per publication and subscription,
 * not once per subscriber.
 */

#include "sock-demo-router-private.h"

#include <string.h>

#include "sock-json-scan.h"
#include "sock-json-write.h"

static const char * const match_names[] = { "exact", "prefix", "wildcard" };

static const char *
component_end (const char *s)
{
  while (*s != '\0' && *s != '.')
    s++;
  return s;
}

/* Wildcard patterns have empty components that match any one component. */
static gboolean
match_wildcard (const char *pattern,
                const char *topic)
{
  while (TRUE)
    {
      const char *p_end = component_end (pattern);
      const char *t_end = component_end (topic);

      if (p_end != pattern && (p_end - pattern != t_end - topic
                               || memcmp (pattern, topic, p_end - pattern) != 0))
        return FALSE;
      if (*p_end == '\0' || *t_end == '\0')
        return *p_end == *t_end;
      pattern = p_end + 1;
      topic = t_end + 1;
    }
}

gboolean
_sock_demo_match_uri (SockDemoMatch  match,
                      const char    *pattern,
                      const char    *uri)
{
  switch (match)
    {
    case SOCK_DEMO_MATCH_EXACT:
      return g_str_equal (pattern, uri);
    case SOCK_DEMO_MATCH_PREFIX:
      return g_str_has_prefix (uri, pattern);
    case SOCK_DEMO_MATCH_WILDCARD:
      return match_wildcard (pattern, uri);
    case SOCK_DEMO_N_MATCH:
    default:
      g_assert_not_reached ();
    }
}

SockDemoSubscription *
_sock_demo_broker_add (SockDemoSession *session,
                       const char      *uri,
                       SockDemoMatch    match)
{
  SockDemoRealm *realm = session->realm;
  g_autofree char *key = g_strdup_printf ("%s %s", match_names[match], uri);
  SockDemoSubscription *subscription = g_hash_table_lookup (realm->subscriptions, key);
  gboolean created = subscription == NULL;

  if (created)
    {
      subscription = g_new0 (SockDemoSubscription, 1);
      subscription->id = realm->router->next_id++;
      subscription->match = match;
      subscription->uri = g_strdup (uri);
      subscription->key = g_steal_pointer (&key);
      subscription->created = _sock_demo_now_iso8601 ();
      subscription->subscribers = g_ptr_array_new ();
      g_hash_table_insert (realm->subscriptions, subscription->key, subscription);
      g_hash_table_insert (realm->subscription_ids, &subscription->id, subscription);
    }
  if (!g_ptr_array_find (subscription->subscribers, session, NULL))
    {
      g_ptr_array_add (subscription->subscribers, session);
      g_ptr_array_add (session->subscriptions, subscription);
      _sock_demo_meta_subscribed (session, subscription, created);
    }
  return subscription;
}

void
_sock_demo_broker_remove (SockDemoSession      *session,
                          SockDemoSubscription *subscription)
{
  SockDemoRealm *realm = session->realm;

  g_ptr_array_remove (subscription->subscribers, session);
  g_ptr_array_remove (session->subscriptions, subscription);
  _sock_demo_meta_unsubscribed (session, subscription, subscription->subscribers->len == 0);
  if (subscription->subscribers->len > 0)
    return;
  g_hash_table_remove (realm->subscription_ids, &subscription->id);
  g_hash_table_remove (realm->subscriptions, subscription->key);
}

/* Delivery ------------------------------------------------------------------------------ */

typedef struct
{
  const char                   *topic;
  gint64                        publication;
  SockJsonRange                 args;
  SockJsonRange                 kwargs;
  const SockDemoPublishOptions *options;
  gboolean                      retained;
  char                         *v1_frame;  /* built on first use */
} Delivery;

static gboolean
id_listed (GArray *ids,
           gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static gboolean
receives (SockDemoSession              *session,
          const SockDemoPublishOptions *options)
{
  if (session->state != SOCK_DEMO_SESSION_OPEN)
    return FALSE;
  if (options == NULL)
    return TRUE;
  if (session == options->publisher && options->exclude_me)
    return FALSE;
  if (options->exclude != NULL && id_listed (options->exclude, session->id))
    return FALSE;
  return options->eligible == NULL || id_listed (options->eligible, session->id);
}

static SockJsonRange
first_element (SockJsonRange array)
{
  SockJsonElement element;
  SockJsonRange range = { NULL, 0 };
  guint n = 0;

  if (array.data != NULL && sock_json_scan_array (array.data, array.len, &element, 1, &n, NULL, NULL)
      && n > 0)
    {
      range.data = array.data + element.offset;
      range.len = element.len;
    }
  return range;
}

static const char *
v1_frame (Delivery *delivery)
{
  SockJsonRange value;
  g_autoptr(JsonNode) event = NULL;

  if (delivery->v1_frame != NULL)
    return delivery->v1_frame;

  value = first_element (delivery->args);
  if (value.data == NULL)
    value = delivery->kwargs;
  if (value.data != NULL)
    event = sock_json_range_parse (value, NULL);
  delivery->v1_frame = sock_wamp1_build_event (delivery->topic, event);
  return delivery->v1_frame;
}

static char *
v2_frame (Delivery             *delivery,
          SockDemoSubscription *subscription)
{
  g_autoptr(GString) details = g_string_new ("{");
  SockJsonRange range;

  if (subscription->match != SOCK_DEMO_MATCH_EXACT)
    {
      g_string_append (details, "\"topic\":");
      sock_json_write_string (details, delivery->topic);
    }
  if (delivery->options != NULL && delivery->options->disclose_me)
    g_string_append_printf (details, "%s\"publisher\":%" G_GINT64_FORMAT,
                            details->len > 1 ? "," : "", delivery->options->publisher->id);
  if (delivery->retained)
    g_string_append_printf (details, "%s\"retained\":true", details->len > 1 ? "," : "");
  g_string_append_c (details, '}');
  range.data = details->str;
  range.len = details->len;
  return sock_wamp_build_event_raw (subscription->id, delivery->publication, range,
                                    delivery->args, delivery->kwargs);
}

static void
deliver (Delivery             *delivery,
         SockDemoSubscription *subscription,
         SockDemoSession      *only)
{
  g_autofree char *frame = NULL;

  for (guint i = 0; i < subscription->subscribers->len; i++)
    {
      SockDemoSession *session = g_ptr_array_index (subscription->subscribers, i);

      if ((only != NULL && session != only) || !receives (session, delivery->options))
        continue;
      if (session->version == SOCK_WAMP_V1)
        {
          _sock_demo_session_send_text (session, v1_frame (delivery));
          continue;
        }
      if (frame == NULL)
        frame = v2_frame (delivery, subscription);
      _sock_demo_session_send_text (session, frame);
    }
}

gint64
_sock_demo_realm_publish (SockDemoRealm                *realm,
                          const char                   *topic,
                          SockJsonRange                 args,
                          SockJsonRange                 kwargs,
                          const SockDemoPublishOptions *options)
{
  Delivery delivery = { topic, _sock_demo_random_id (), args, kwargs, options, FALSE, NULL };
  GHashTableIter iter;
  gpointer value;

  /* The spec: publications with exclude / eligible session lists are not kept. */
  if (options == NULL || (options->exclude == NULL && options->eligible == NULL))
    _sock_demo_history_record (realm, topic, delivery.publication, args, kwargs);

  g_hash_table_iter_init (&iter, realm->subscriptions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (_sock_demo_match_topic (value, topic))
      deliver (&delivery, value, NULL);
  g_free (delivery.v1_frame);
  return delivery.publication;
}

void
_sock_demo_realm_publish_json (SockDemoRealm *realm,
                               const char    *topic,
                               JsonArray     *args,
                               JsonObject    *kwargs)
{
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) k = g_string_new (NULL);
  SockJsonRange args_range = { NULL, 0 };
  SockJsonRange kwargs_range = { NULL, 0 };

  if (args != NULL)
    {
      sock_json_write_array (a, args);
      args_range = (SockJsonRange) { a->str, a->len };
    }
  if (kwargs != NULL)
    {
      sock_json_write_object (k, kwargs);
      kwargs_range = (SockJsonRange) { k->str, k->len };
    }
  _sock_demo_realm_publish (realm, topic, args_range, kwargs_range, NULL);
}

/* Retained events: "[args,kwargs]" per topic, the last publication with retain. */
static void
retain (SockDemoRealm   *realm,
        const char      *topic,
        SockWampMessage *msg)
{
  char *stored = g_strdup_printf ("[%.*s,%.*s]",
                                  msg->args.data ? (int) msg->args.len : 2,
                                  msg->args.data ? msg->args.data : "[]",
                                  msg->kwargs.data ? (int) msg->kwargs.len : 2,
                                  msg->kwargs.data ? msg->kwargs.data : "{}");

  g_hash_table_replace (realm->retained, g_strdup (topic), stored);
}

static void
send_retained (SockDemoSession      *session,
               SockDemoSubscription *subscription)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, session->realm->retained);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      SockJsonElement elements[2];
      const char *stored = value;
      Delivery delivery = { key, _sock_demo_random_id (), { NULL, 0 }, { NULL, 0 }, NULL, TRUE, NULL };
      guint n = 0;

      if (!_sock_demo_match_topic (subscription, key)
          || !sock_json_scan_array (stored, strlen (stored), elements, 2, &n, NULL, NULL) || n != 2)
        continue;
      delivery.args = (SockJsonRange) { stored + elements[0].offset, elements[0].len };
      delivery.kwargs = (SockJsonRange) { stored + elements[1].offset, elements[1].len };
      deliver (&delivery, subscription, session);
      g_free (delivery.v1_frame);
    }
}

/* Messages ------------------------------------------------------------------------------ */

gboolean
_sock_demo_match_topic (SockDemoSubscription *subscription,
                        const char           *topic)
{
  return _sock_demo_match_uri (subscription->match, subscription->uri, topic);
}

gboolean
_sock_demo_match_parse (const char    *name,
                        SockDemoMatch *match)
{
  for (guint i = 0; i < G_N_ELEMENTS (match_names); i++)
    if (g_strcmp0 (name, match_names[i]) == 0)
      {
        *match = i;
        return TRUE;
      }
  return name == NULL;
}

void
_sock_demo_broker_subscribe (SockDemoSession *session,
                             SockWampMessage *msg)
{
  g_autoptr(JsonObject) options = sock_wamp_message_dup_details (msg, NULL);
  const char *uri = sock_wamp_message_get_uri (msg);
  SockDemoMatch match = SOCK_DEMO_MATCH_EXACT;
  SockDemoSubscription *subscription;

  if (!_sock_demo_match_parse (_sock_demo_option_string (options, "match"), &match))
    {
      _sock_demo_send_error (session, SOCK_WAMP_SUBSCRIBE, msg->request_id,
                             "wamp.error.invalid_argument",
                             "match must be exact, prefix or wildcard");
      return;
    }
  if (!sock_wamp_uri_is_valid (uri, match != SOCK_DEMO_MATCH_EXACT))
    {
      _sock_demo_send_error (session, SOCK_WAMP_SUBSCRIBE, msg->request_id,
                             "wamp.error.invalid_uri", "an exact topic has no empty components");
      return;
    }

  subscription = _sock_demo_broker_add (session, uri, match);
  _sock_demo_session_send (session, sock_wamp_build_subscribed (msg->request_id,
                                                                subscription->id));
  if (_sock_demo_option_bool (options, "get_retained", FALSE))
    send_retained (session, subscription);
}

void
_sock_demo_broker_unsubscribe (SockDemoSession *session,
                               SockWampMessage *msg)
{
  for (guint i = 0; i < session->subscriptions->len; i++)
    {
      SockDemoSubscription *subscription = g_ptr_array_index (session->subscriptions, i);

      if (subscription->id == msg->id)
        {
          _sock_demo_broker_remove (session, subscription);
          _sock_demo_session_send (session, sock_wamp_build_unsubscribed (msg->request_id));
          return;
        }
    }
  _sock_demo_send_error (session, SOCK_WAMP_UNSUBSCRIBE, msg->request_id,
                         "wamp.error.no_such_subscription", NULL);
}

void
_sock_demo_broker_publish (SockDemoSession *session,
                           SockWampMessage *msg)
{
  /* The common case, a PUBLISH with {} options, needs no tree at all. */
  g_autoptr(JsonObject) options = msg->details.len > 2 ? sock_wamp_message_dup_details (msg, NULL)
                                                       : NULL;
  const char *topic = sock_wamp_message_get_uri (msg);
  gboolean acknowledge = _sock_demo_option_bool (options, "acknowledge", FALSE);
  SockDemoPublishOptions publish = { session, TRUE, FALSE, NULL, NULL };
  gint64 publication;

  if (g_str_has_prefix (topic, "wamp."))
    {
      if (acknowledge)
        _sock_demo_send_error (session, SOCK_WAMP_PUBLISH, msg->request_id,
                               "wamp.error.invalid_uri", "wamp.* topics are the router's");
      return;
    }

  publish.exclude_me = _sock_demo_option_bool (options, "exclude_me", TRUE);
  publish.disclose_me = _sock_demo_option_bool (options, "disclose_me", FALSE);
  publish.exclude = options ? _sock_demo_id_list (json_object_get_member (options, "exclude"))
                            : NULL;
  publish.eligible = options ? _sock_demo_id_list (json_object_get_member (options, "eligible"))
                             : NULL;
  if (_sock_demo_option_bool (options, "retain", FALSE))
    retain (session->realm, topic, msg);
  publication = _sock_demo_realm_publish (session->realm, topic, msg->args, msg->kwargs, &publish);
  g_clear_pointer (&publish.exclude, g_array_unref);
  g_clear_pointer (&publish.eligible, g_array_unref);
  if (acknowledge)
    _sock_demo_session_send (session, sock_wamp_build_published (msg->request_id, publication));
}
