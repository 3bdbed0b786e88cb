/* test-serialized-details.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The detail pane of MessagePack and CBOR messages, on tabs joined to the demo router with
 * wamp.2.msgpack and wamp.2.cbor: a CALL with progressive results, an acknowledged PUBLISH and a
 * failed CALL show their fields by name and "answered by message N after …", as JSON ones do.
 */

#include "config.h"

#include <string.h>

#include "sock-demo-server.h"
#include "sock-message-detail.h"
#include "sock-message-view.h"
#include "sock-wamp-message.h"
#include "test-ui-util.h"

static SockApplication *app;

typedef DemoFixture Fixture;

typedef struct
{
  SockMessageView *view;
  SockMessageLog  *log;
} Tab;

static const char *
pair_text (Tab *tab)
{
  GtkWidget *label = find_widget (GTK_WIDGET (tab->view), G_TYPE_INVALID, name_is, "pair-label");

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : "";
}

static gboolean
shows_label (Tab        *tab,
             const char *text)
{
  return find_widget (GTK_WIDGET (tab->view), GTK_TYPE_LABEL, label_is, text) != NULL;
}

/* The newest record of direction and type. */
static guint64
find_record (Tab              *tab,
             SockLogDirection  direction,
             guint8            type)
{
  for (guint64 seq = sock_message_log_get_end_seq (tab->log); seq > sock_message_log_get_first_seq (tab->log); seq--)
    {
      SockLogEntry e;

      if (sock_message_log_peek (tab->log, seq - 1, &e, NULL, NULL) && e.direction == direction
          && e.kind == SOCK_LOG_KIND_WAMP2 && e.type == type)
        return seq - 1;
    }
  return G_MAXUINT64;
}

typedef struct
{
  Tab     *tab;
  guint64  seq;
} Shown;

static gboolean
detail_shows (gpointer data)
{
  Shown *shown = data;
  GtkWidget *detail = find_widget (GTK_WIDGET (shown->tab->view), SOCK_TYPE_MESSAGE_DETAIL, any_widget, NULL);

  return detail != NULL && sock_message_detail_get_seq (SOCK_MESSAGE_DETAIL (detail)) == shown->seq;
}

/* Chooses the row of seq, as a click would, and waits for the details. */
static void
select_seq (Tab     *tab,
            guint64  seq)
{
  GtkColumnView *table = GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (tab->view), GTK_TYPE_COLUMN_VIEW, any_widget, NULL));
  SockMessageList *list = sock_message_view_get_list (tab->view);
  Shown shown = { tab, seq };

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    if (sock_message_list_get_seq (list, i) == seq)
      {
        gtk_selection_model_select_item (gtk_column_view_get_model (table), i, TRUE);
        g_assert_true (wait_for (detail_shows, &shown));
        return;
      }
  g_error ("message %" G_GUINT64_FORMAT " is not in the table", seq);
}

static gboolean
row_shown (gpointer data)
{
  Shown *shown = data;
  SockMessageList *list = sock_message_view_get_list (shown->tab->view);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  return n > 0 && sock_message_list_get_seq (list, n - 1) >= shown->seq;
}

static void
wait_shown (Tab     *tab,
            guint64  seq)
{
  Shown shown = { tab, seq };

  g_assert_cmpuint (seq, !=, G_MAXUINT64);
  g_assert_true (wait_for (row_shown, &shown));
}

static gboolean
stack_is_compare (GtkWidget  *widget,
                  const char *unused)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (widget)), "compare") == 0;
}

static gboolean
compare_shown (gpointer data)
{
  Tab *tab = data;

  return find_widget (GTK_WIDGET (tab->view), GTK_TYPE_STACK, stack_is_compare, NULL) != NULL;
}

static void
check_serializer (Fixture            *fixture,
                  SockProtocolChoice  choice,
                  guint8              flag,
                  const char         *shot)
{
  g_autofree char *base = sock_demo_server_dup_base_url (fixture->server);
  g_autofree char *url = g_strconcat (base, "/ws", NULL);
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);
  g_autoptr(GAsyncResult) slow = NULL, published = NULL, failed = NULL;
  g_autoptr(JsonArray) steps = json_array_new ();
  SockCallOptions call_options = { .receive_progress = TRUE };
  SockPublishOptions publish_options = { .acknowledge = TRUE };
  g_autofree char *prefix = NULL;
  SockConnectionPage *page;
  SockSession *session;
  guint64 call, result, progress, publish, error_call, error;
  SockLogEntry e;
  Tab tab;

  sock_connect_options_set_protocol (options, choice);
  sock_connect_options_set_realm (options, "demo");
  page = sock_window_open_connection (fixture->window, options);
  g_assert_true (wait_for (page_joined, page));
  tab.view = SOCK_MESSAGE_VIEW (sock_connection_page_get_message_view (page));
  tab.log = sock_connection_get_log (sock_connection_page_get_connection (page));
  session = sock_connection_get_session (sock_connection_page_get_connection (page));

  json_array_add_int_element (steps, 2);
  sock_session_call_async (session, "demo.slow", steps, NULL, &call_options, NULL, NULL, NULL, store_result, &slow);
  sock_session_publish_async (session, "demo.note", NULL, NULL, &publish_options, NULL, store_result, &published);
  sock_session_call_async (session, "demo.fail", NULL, NULL, NULL, NULL, NULL, NULL, store_result, &failed);
  g_assert_true (wait_for (result_stored, &slow));
  g_assert_true (wait_for (result_stored, &published));
  g_assert_true (wait_for (result_stored, &failed));

  call = find_record (&tab, SOCK_LOG_DIRECTION_OUT, SOCK_WAMP_CALL);
  error_call = call;
  /* the first CALL is demo.slow's, the last demo.fail's */
  for (guint64 seq = sock_message_log_get_first_seq (tab.log); seq < call; seq++)
    if (sock_message_log_peek (tab.log, seq, &e, NULL, NULL) && e.type == SOCK_WAMP_CALL
        && e.direction == SOCK_LOG_DIRECTION_OUT)
      {
        call = seq;
        break;
      }
  result = find_record (&tab, SOCK_LOG_DIRECTION_IN, SOCK_WAMP_RESULT);
  publish = find_record (&tab, SOCK_LOG_DIRECTION_OUT, SOCK_WAMP_PUBLISH);
  error = find_record (&tab, SOCK_LOG_DIRECTION_IN, SOCK_WAMP_ERROR);
  g_assert_true (sock_message_log_peek (tab.log, result, &e, NULL, NULL));
  g_assert_cmpuint (e.flags & flag, ==, flag);
  wait_shown (&tab, MAX (result, MAX (error, publish)));

  /* the CALL: named fields, answered by its final RESULT after two progressive ones */
  select_seq (&tab, call);
  g_assert_true (shows_label (&tab, "CALL (48) · WAMP v2"));
  g_assert_true (shows_label (&tab, "Procedure"));
  g_assert_true (shows_label (&tab, "demo.slow"));
  g_assert_true (shows_label (&tab, "Options"));
  prefix = g_strdup_printf ("Answered by message %" G_GUINT64_FORMAT " after ", result + 1);
  g_assert_true (g_str_has_prefix (pair_text (&tab), prefix));
  g_assert_nonnull (strstr (pair_text (&tab), "2 progressive results before"));
  save_screenshot (GTK_WIDGET (fixture->window), shot);

  /* Ctrl+G from the table goes to the answer, and back to the request */
  {
    Shown shown = { &tab, result };

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tab.view), "messages.go-to-pair", NULL));
    g_assert_true (wait_for (detail_shows, &shown));
    shown.seq = call;
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tab.view), "messages.go-to-pair", NULL));
    g_assert_true (wait_for (detail_shows, &shown));
  }
  /* Ctrl+M, then Shift+Ctrl+M on another message: their comparison */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tab.view), "messages.mark", NULL));
  select_seq (&tab, error_call);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tab.view), "messages.compare-marked", NULL));
  g_assert_true (wait_for (compare_shown, &tab));

  /* the first RESULT after the CALL is progressive, and says so */
  for (progress = call + 1; progress < result; progress++)
    if (sock_message_log_peek (tab.log, progress, &e, NULL, NULL) && e.type == SOCK_WAMP_RESULT)
      break;
  g_assert_cmpuint (progress, <, result);
  select_seq (&tab, progress);
  g_assert_true (shows_label (&tab, "Progressive result"));
  g_clear_pointer (&prefix, g_free);
  prefix = g_strdup_printf ("Progressive result 1 for message %" G_GUINT64_FORMAT ", ", call + 1);
  g_assert_true (g_str_has_prefix (pair_text (&tab), prefix));

  /* the acknowledged PUBLISH */
  select_seq (&tab, publish);
  g_assert_true (shows_label (&tab, "Acknowledged"));
  g_assert_true (g_str_has_prefix (pair_text (&tab), "Answered by message "));

  /* the ERROR pairs with the CALL it names */
  select_seq (&tab, error);
  g_clear_pointer (&prefix, g_free);
  prefix = g_strdup_printf ("An error in answer to message %" G_GUINT64_FORMAT ", ", error_call + 1);
  g_assert_true (g_str_has_prefix (pair_text (&tab), prefix));
  g_assert_true (shows_label (&tab, "Error"));
  g_assert_true (shows_label (&tab, "CALL (48)"));

  /* a CALL without arguments previews as its JSON form, not its bytes */
  {
    g_autoptr(SockMessageItem) item = sock_message_item_new (tab.log, error_call);

    g_assert_true (g_str_has_prefix (sock_message_item_get_preview (item), "[48,"));
    g_assert_nonnull (strstr (sock_message_item_get_preview (item), "\"demo.fail\""));
  }
}

static void
test_serialized_msgpack (Fixture       *fixture,
                         gconstpointer  data)
{
  check_serializer (fixture, SOCK_PROTOCOL_CHOICE_WAMP2_MSGPACK, SOCK_LOG_FLAG_MSGPACK, "detail-msgpack-call");
}

static void
test_serialized_cbor (Fixture       *fixture,
                      gconstpointer  data)
{
  check_serializer (fixture, SOCK_PROTOCOL_CHOICE_WAMP2_CBOR, SOCK_LOG_FLAG_CBOR, "detail-cbor-call");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if ((app = ui_test_init (&argc, &argv)) == NULL)
    return 0;

  g_test_add ("/sockscope/serialized-details/msgpack", Fixture, NULL, demo_fixture_set_up, test_serialized_msgpack,
              demo_fixture_tear_down);
  g_test_add ("/sockscope/serialized-details/cbor", Fixture, NULL, demo_fixture_set_up, test_serialized_cbor,
              demo_fixture_tear_down);

  status = g_test_run ();
  ui_test_finish (&app);
  return status;
}
