/* sock-demo-router-dealer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Registrations (exact URIs only) and calls. A SockDemoCall is one pending call; it answers its
 * caller in the caller's protocol, so v1 clients can call what v2 callees and the router offer.
 * Call timeouts apply to every call; CANCEL follows the spec's skip / kill / killnowait.
 */

#include "sock-demo-router-private.h"
#include "sock-json-write.h"

/* Calls --------------------------------------------------------------------------------- */

SockDemoCall *
_sock_demo_call_new (SockDemoSession *caller,
                     gint64           request)
{
  SockDemoCall *call = g_new0 (SockDemoCall, 1);

  call->realm = caller->realm;
  call->caller = caller;
  call->request = request;
  g_hash_table_insert (caller->calls, &call->request, call);
  return call;
}

void
_sock_demo_call_free (SockDemoCall *call)
{
  if (g_hash_table_lookup (call->caller->calls, &call->request) == call)
    g_hash_table_remove (call->caller->calls, &call->request);
  if (call->callee != NULL)
    g_hash_table_remove (call->callee->invocations, &call->invocation);
  _sock_demo_source_clear (&call->timeout_source);
  _sock_demo_source_clear (&call->work_source);
  g_free (call->v1_call_id);
  g_free (call);
}

/* v1 has one result value: the only argument, else all of them, else the keyword arguments. */
static JsonNode *
v1_value (JsonArray  *args,
          JsonObject *kwargs)
{
  guint n = args ? json_array_get_length (args) : 0;

  if (n == 1 && (kwargs == NULL || json_object_get_size (kwargs) == 0))
    return json_node_copy (json_array_get_element (args, 0));
  if (n > 0)
    return json_node_init_array (json_node_alloc (), args);
  if (kwargs != NULL)
    return json_node_init_object (json_node_alloc (), kwargs);
  return NULL;
}

void
_sock_demo_call_progress (SockDemoCall *call,
                          JsonArray    *args,
                          JsonObject   *kwargs)
{
  g_autoptr(JsonObject) details = NULL;

  if (!call->receive_progress || call->caller->version != SOCK_WAMP_V2)
    return;
  details = json_object_new ();
  json_object_set_boolean_member (details, "progress", TRUE);
  _sock_demo_session_send (call->caller, sock_wamp_build_result (call->request, details,
                                                                 args, kwargs));
}

static void reply_raw (SockDemoCall *call, gboolean progress, SockJsonRange args, SockJsonRange kwargs);

void
_sock_demo_call_reply (SockDemoCall *call,
                       JsonArray    *args,
                       JsonObject   *kwargs)
{
  /* a procedure that answers with the payload it was called with (demo.echo) answers with the
   * text that came: json-glib would lose binary strings and integers past int64 */
  if (call->caller->version == SOCK_WAMP_V2 && (call->raw_args.data != NULL || call->raw_kwargs.data != NULL)
      && args == call->routed_args && kwargs == call->routed_kwargs)
    return reply_raw (call, FALSE, call->raw_args, call->raw_kwargs);
  if (call->caller->version == SOCK_WAMP_V2)
    {
      _sock_demo_session_send (call->caller, sock_wamp_build_result (call->request, NULL,
                                                                     args, kwargs));
    }
  else
    {
      g_autoptr(JsonNode) value = v1_value (args, kwargs);

      _sock_demo_session_send (call->caller, sock_wamp1_build_callresult (call->v1_call_id, value));
    }
  _sock_demo_call_free (call);
}

void
_sock_demo_call_fail (SockDemoCall *call,
                      const char   *uri,
                      JsonArray    *args,
                      JsonObject   *kwargs)
{
  if (call->caller->version == SOCK_WAMP_V2)
    {
      _sock_demo_session_send (call->caller, sock_wamp_build_error (SOCK_WAMP_CALL, call->request,
                                                                    NULL, uri, args, kwargs));
    }
  else
    {
      /* CALLERROR [4, id, uri, desc, details]: args[0] as the description if it is one. */
      JsonNode *first = args && json_array_get_length (args) ? json_array_get_element (args, 0) : NULL;
      const char *desc = _sock_demo_json_string (first);
      g_autoptr(JsonNode) details = NULL;

      if (kwargs != NULL && json_object_get_size (kwargs) > 0)
        details = json_node_init_object (json_node_alloc (), kwargs);
      _sock_demo_session_send (call->caller,
                               sock_wamp1_build_callerror (call->v1_call_id, uri,
                                                           desc ? desc : uri, details));
    }
  _sock_demo_call_free (call);
}

void
_sock_demo_call_fail_message (SockDemoCall *call,
                              const char   *uri,
                              const char   *message)
{
  g_autoptr(JsonArray) args = json_array_new ();

  json_array_add_string_element (args, message);
  _sock_demo_call_fail (call, uri, args, NULL);
}

static void
interrupt (SockDemoCall *call,
           const char   *mode,
           const char   *reason)
{
  g_autoptr(JsonObject) options = json_object_new ();

  json_object_set_string_member (options, "mode", mode);
  if (reason != NULL)
    json_object_set_string_member (options, "reason", reason);
  _sock_demo_session_send (call->callee, sock_wamp_build_interrupt (call->invocation, options));
}

static gboolean
call_timed_out (gpointer user_data)
{
  SockDemoCall *call = user_data;

  _sock_demo_source_clear (&call->timeout_source);
  if (call->callee != NULL)
    interrupt (call, "killnowait", "wamp.error.timeout");
  _sock_demo_call_fail_message (call, "wamp.error.timeout", "the call timed out");
  return G_SOURCE_REMOVE;
}

/* A payload passed on as it came: "" for none, else ",ARGS" or ",ARGS,KWARGS". */
static void
append_raw_payload (GString       *s,
                    SockJsonRange  args,
                    SockJsonRange  kwargs)
{
  if (args.data == NULL && kwargs.data == NULL)
    return;
  g_string_append_c (s, ',');
  if (args.data != NULL)
    g_string_append_len (s, args.data, args.len);
  else
    g_string_append (s, "[]");
  if (kwargs.data != NULL)
    {
      g_string_append_c (s, ',');
      g_string_append_len (s, kwargs.data, kwargs.len);
    }
}

static void
invoke (SockDemoCall         *call,
        SockDemoRegistration *registration,
        const char           *uri,
        JsonObject           *options,
        JsonArray            *args,
        JsonObject           *kwargs)
{
  SockDemoSession *callee = registration->callee;
  g_autoptr(JsonObject) details = json_object_new ();

  call->callee = callee;
  call->invocation = ++callee->next_request;
  g_hash_table_insert (callee->invocations, &call->invocation, call);
  if (call->receive_progress && callee->callee_progress)
    json_object_set_boolean_member (details, "receive_progress", TRUE);
  /* a pattern registration learns which procedure was called */
  if (registration->match != SOCK_DEMO_MATCH_EXACT)
    json_object_set_string_member (details, "procedure", uri);
  if (_sock_demo_option_bool (options, "disclose_me", FALSE))
    {
      json_object_set_int_member (details, "caller", call->caller->id);
      json_object_set_string_member (details, "caller_authid", call->caller->authid);
      json_object_set_string_member (details, "caller_authrole", call->caller->authrole);
    }
  if (call->raw_args.data != NULL || call->raw_kwargs.data != NULL)
    {
      GString *s = g_string_new (NULL);

      g_string_printf (s, "[%d,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",", SOCK_WAMP_INVOCATION,
                       call->invocation, registration->id);
      sock_json_write_object (s, details);
      append_raw_payload (s, call->raw_args, call->raw_kwargs);
      g_string_append_c (s, ']');
      call->raw_args = call->raw_kwargs = (SockJsonRange) { 0 };
      _sock_demo_session_send (callee, g_string_free (s, FALSE));
      return;
    }
  _sock_demo_session_send (callee, sock_wamp_build_invocation (call->invocation,
                                                               registration->id, details,
                                                               args, kwargs));
}

void
_sock_demo_dealer_route (SockDemoCall *call,
                         const char   *uri,
                         JsonObject   *options,
                         JsonArray    *args,
                         JsonObject   *kwargs)
{
  SockDemoRegistration *registration = _sock_demo_dealer_match (call->realm, uri);
  gint64 timeout = _sock_demo_option_int (options, "timeout", 0);

  if (registration == NULL)
    {
      g_autofree char *message = g_strdup_printf ("no procedure \"%s\" is registered", uri);

      _sock_demo_call_fail_message (call, "wamp.error.no_such_procedure", message);
      return;
    }

  call->receive_progress = _sock_demo_option_bool (options, "receive_progress", FALSE);
  if (timeout > 0)
    call->timeout_source = _sock_demo_source_add (call->realm->router, MIN (timeout, G_MAXINT),
                                                  call_timed_out, call);
  if (registration->procedure != NULL)
    registration->procedure (call, args, kwargs);
  else
    invoke (call, registration, uri, options, args, kwargs);
}

/* Messages ------------------------------------------------------------------------------ */

void
_sock_demo_dealer_call (SockDemoSession *session,
                        SockWampMessage *msg)
{
  g_autoptr(JsonObject) options = NULL;
  g_autoptr(JsonArray) args = NULL;
  g_autoptr(JsonObject) kwargs = NULL;
  SockDemoCall *call;

  if (g_hash_table_contains (session->calls, &msg->request_id))
    {
      _sock_demo_session_abort (session, "wamp.error.protocol_violation",
                                "CALL: the request id is already in use by a pending call");
      return;
    }
  options = msg->details.len > 2 ? sock_wamp_message_dup_details (msg, NULL) : NULL;
  args = sock_wamp_message_dup_args (msg, NULL);
  kwargs = sock_wamp_message_dup_kwargs (msg, NULL);
  call = _sock_demo_call_new (session, msg->request_id);
  /* the ranges point into the frame; the call may be answered (and freed) while it is routed */
  call->raw_args = msg->args;
  call->raw_kwargs = msg->kwargs;
  call->routed_args = args;
  call->routed_kwargs = kwargs;
  _sock_demo_dealer_route (call, sock_wamp_message_get_uri (msg), options, args, kwargs);
  /* still pending (answered later): the frame and the parsed payload go now */
  if ((call = g_hash_table_lookup (session->calls, &msg->request_id)) != NULL)
    {
      call->raw_args = call->raw_kwargs = (SockJsonRange) { 0 };
      call->routed_args = NULL;
      call->routed_kwargs = NULL;
    }
}

void
_sock_demo_dealer_cancel (SockDemoSession *session,
                          SockWampMessage *msg)
{
  SockDemoCall *call = g_hash_table_lookup (session->calls, &msg->request_id);
  g_autoptr(JsonObject) options = sock_wamp_message_dup_details (msg, NULL);
  const char *mode = _sock_demo_option_string (options, "mode");

  if (mode == NULL)
    mode = "killnowait";
  if (call == NULL || call->killing)
    return;  /* answered already: nothing left to cancel */
  if (!g_str_equal (mode, "skip") && !g_str_equal (mode, "kill") && !g_str_equal (mode, "killnowait"))
    {
      _sock_demo_send_error (session, SOCK_WAMP_CANCEL, msg->request_id,
                             "wamp.error.invalid_argument", "mode must be skip, kill or killnowait");
      return;
    }

  if (call->callee != NULL && !g_str_equal (mode, "skip"))
    interrupt (call, mode, "wamp.error.canceled");
  if (call->callee != NULL && g_str_equal (mode, "kill"))
    call->killing = TRUE;  /* the callee's answer goes to the caller */
  else
    _sock_demo_call_fail_message (call, "wamp.error.canceled", "the call was canceled");
}

/* A callee's YIELD to a v2 caller, its payload passed on as it came (a JsonArray would lose binary
 * strings and integers past int64). */
static void
reply_raw (SockDemoCall  *call,
           gboolean       progress,
           SockJsonRange  args,
           SockJsonRange  kwargs)
{
  GString *s;

  if (progress && !call->receive_progress)
    return;
  s = g_string_new (NULL);
  g_string_printf (s, "[%d,%" G_GINT64_FORMAT ",%s", SOCK_WAMP_RESULT, call->request,
                   progress ? "{\"progress\":true}" : "{}");
  append_raw_payload (s, args, kwargs);
  g_string_append_c (s, ']');
  _sock_demo_session_send (call->caller, g_string_free (s, FALSE));
  if (!progress)
    _sock_demo_call_free (call);
}

void
_sock_demo_dealer_yield (SockDemoSession *session,
                         SockWampMessage *msg)
{
  SockDemoCall *call = g_hash_table_lookup (session->invocations, &msg->request_id);
  g_autoptr(JsonObject) options = NULL;
  g_autoptr(JsonArray) args = NULL;
  g_autoptr(JsonObject) kwargs = NULL;

  if (call == NULL)
    return;  /* canceled, timed out, or its caller left */
  options = msg->details.len > 2 ? sock_wamp_message_dup_details (msg, NULL) : NULL;
  if (call->caller->version == SOCK_WAMP_V2)
    return reply_raw (call, _sock_demo_option_bool (options, "progress", FALSE), msg->args, msg->kwargs);
  args = sock_wamp_message_dup_args (msg, NULL);
  kwargs = sock_wamp_message_dup_kwargs (msg, NULL);
  if (_sock_demo_option_bool (options, "progress", FALSE))
    _sock_demo_call_progress (call, args, kwargs);
  else
    _sock_demo_call_reply (call, args, kwargs);
}

void
_sock_demo_dealer_error (SockDemoSession *session,
                         SockWampMessage *msg)
{
  SockDemoCall *call = g_hash_table_lookup (session->invocations, &msg->request_id);
  g_autoptr(JsonArray) args = NULL;
  g_autoptr(JsonObject) kwargs = NULL;

  if (call == NULL)
    return;
  if (call->caller->version == SOCK_WAMP_V2)
    {
      /* passed on as it came, as a YIELD's payload is */
      _sock_demo_session_send (call->caller, sock_wamp_build_error_raw (SOCK_WAMP_CALL, call->request, NULL,
                                                                        sock_wamp_message_get_uri (msg),
                                                                        msg->args, msg->kwargs));
      _sock_demo_call_free (call);
      return;
    }
  args = sock_wamp_message_dup_args (msg, NULL);
  kwargs = sock_wamp_message_dup_kwargs (msg, NULL);
  _sock_demo_call_fail (call, sock_wamp_message_get_uri (msg), args, kwargs);
}

/* Registrations ------------------------------------------------------------------------- */

static char *
registration_key (const char    *uri,
                  SockDemoMatch  match)
{
  return match == SOCK_DEMO_MATCH_EXACT ? g_strdup (uri)
                                        : g_strdup_printf ("%s %s", _sock_demo_match_name (match), uri);
}

static SockDemoRegistration *
registration_add (SockDemoRealm   *realm,
                  const char      *uri,
                  SockDemoMatch    match,
                  SockDemoSession *callee)
{
  SockDemoRegistration *registration = g_new0 (SockDemoRegistration, 1);

  registration->id = realm->router->next_id++;
  registration->uri = g_strdup (uri);
  registration->key = registration_key (uri, match);
  registration->match = match;
  registration->created = _sock_demo_now_iso8601 ();
  registration->callee = callee;
  g_hash_table_insert (realm->registrations, registration->key, registration);
  g_hash_table_insert (realm->registration_ids, &registration->id, registration);
  return registration;
}

SockDemoRegistration *
_sock_demo_dealer_lookup (SockDemoRealm *realm,
                          const char    *uri,
                          SockDemoMatch  match)
{
  g_autofree char *key = registration_key (uri, match);

  return g_hash_table_lookup (realm->registrations, key);
}

SockDemoRegistration *
_sock_demo_dealer_match (SockDemoRealm *realm,
                         const char    *uri)
{
  SockDemoRegistration *best = g_hash_table_lookup (realm->registrations, uri);
  GHashTableIter iter;
  gpointer value;

  if (best != NULL)
    return best;
  g_hash_table_iter_init (&iter, realm->registrations);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SockDemoRegistration *registration = value;

      if (registration->match == SOCK_DEMO_MATCH_EXACT
          || !_sock_demo_match_uri (registration->match, registration->uri, uri))
        continue;
      /* a prefix beats a wildcard, a longer one beats a shorter one; wildcards by id */
      if (best == NULL
          || (registration->match == SOCK_DEMO_MATCH_PREFIX
              && (best->match != SOCK_DEMO_MATCH_PREFIX || strlen (registration->uri) > strlen (best->uri)))
          || (registration->match == best->match && best->match == SOCK_DEMO_MATCH_WILDCARD
              && registration->id < best->id))
        best = registration;
    }
  return best;
}

void
_sock_demo_dealer_add_procedure (SockDemoRealm     *realm,
                                 const char        *uri,
                                 SockDemoProcedure  procedure)
{
  registration_add (realm, uri, SOCK_DEMO_MATCH_EXACT, NULL)->procedure = procedure;
}

void
_sock_demo_dealer_remove (SockDemoRegistration *registration)
{
  SockDemoRealm *realm = registration->callee->realm;

  _sock_demo_meta_unregistered (registration->callee, registration);
  g_ptr_array_remove (registration->callee->registrations, registration);
  g_hash_table_remove (realm->registration_ids, &registration->id);
  g_hash_table_remove (realm->registrations, registration->key);
}

void
_sock_demo_dealer_register (SockDemoSession *session,
                            SockWampMessage *msg)
{
  g_autoptr(JsonObject) options = sock_wamp_message_dup_details (msg, NULL);
  const char *uri = sock_wamp_message_get_uri (msg);
  SockDemoMatch match = SOCK_DEMO_MATCH_EXACT;
  g_autofree char *key = NULL;
  SockDemoRegistration *registration;

  if (!_sock_demo_match_parse (_sock_demo_option_string (options, "match"), &match))
    _sock_demo_send_error (session, SOCK_WAMP_REGISTER, msg->request_id,
                           "wamp.error.invalid_argument", "match must be exact, prefix or wildcard");
  else if (!sock_wamp_uri_is_valid (uri, match != SOCK_DEMO_MATCH_EXACT) || g_str_has_prefix (uri, "wamp."))
    _sock_demo_send_error (session, SOCK_WAMP_REGISTER, msg->request_id,
                           "wamp.error.invalid_uri", "not a procedure URI a client may register");
  else if (g_hash_table_contains (session->realm->registrations, key = registration_key (uri, match)))
    _sock_demo_send_error (session, SOCK_WAMP_REGISTER, msg->request_id,
                           "wamp.error.procedure_already_exists", NULL);
  else
    {
      registration = registration_add (session->realm, uri, match, session);
      g_ptr_array_add (session->registrations, registration);
      _sock_demo_meta_registered (session, registration);
      _sock_demo_session_send (session, sock_wamp_build_registered (msg->request_id,
                                                                    registration->id));
    }
}

void
_sock_demo_dealer_unregister (SockDemoSession *session,
                              SockWampMessage *msg)
{
  for (guint i = 0; i < session->registrations->len; i++)
    {
      SockDemoRegistration *registration = g_ptr_array_index (session->registrations, i);

      if (registration->id == msg->id)
        {
          _sock_demo_dealer_remove (registration);
          _sock_demo_session_send (session, sock_wamp_build_unregistered (msg->request_id));
          return;
        }
    }
  _sock_demo_send_error (session, SOCK_WAMP_UNREGISTER, msg->request_id,
                         "wamp.error.no_such_registration", NULL);
}

void
_sock_demo_dealer_leave (SockDemoSession *session)
{
  GList *calls = g_hash_table_get_values (session->calls);
  GList *invocations;

  for (GList *l = calls; l != NULL; l = l->next)
    {
      SockDemoCall *call = l->data;

      if (call->callee != NULL)
        interrupt (call, "killnowait", "wamp.error.canceled");
      _sock_demo_call_free (call);
    }
  /* Only now: a call to its own procedure is gone from both tables. */
  invocations = g_hash_table_get_values (session->invocations);
  for (GList *l = invocations; l != NULL; l = l->next)
    _sock_demo_call_fail_message (l->data, "wamp.error.canceled", "the callee left");
  g_list_free (calls);
  g_list_free (invocations);

  while (session->registrations->len > 0)
    _sock_demo_dealer_remove (g_ptr_array_index (session->registrations, 0));
}
