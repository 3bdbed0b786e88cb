/* test-router-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Router view of a demo tab under a real display: it lists the router's sessions,
 * subscriptions and registrations, another client's session appears in the list and a kill
 * (confirmed in the dialog) removes it; a topic is subscribed in this tab and a procedure fills
 * the call form in. With SOCK_SHOT_DIR set, it saves a screenshot of each list.
 */

#include "config.h"

#include <adwaita.h>

#include "sock-application.h"
#include "sock-connection-page.h"
#include "sock-demo-server.h"
#include "sock-router-view.h"
#include "sock-window.h"
#include "test-ui-util.h"

static SockApplication *app;

typedef DemoFixture Fixture;

static gboolean
inscription_is (GtkWidget  *widget,
                const char *text)
{
  return g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
  gboolean    shown;
} CellQuery;

/* A cell of a list shows (or no longer shows) text. */
static gboolean
cell_shown (gpointer data)
{
  CellQuery *query = data;

  return (find_widget (query->root, GTK_TYPE_INSCRIPTION, inscription_is, query->text) != NULL) == query->shown;
}

static gboolean
lists_available (gpointer data)
{
  SockRouterAdmin *admin = sock_router_view_get_admin (data);

  if (admin == NULL)
    return FALSE;
  for (guint i = 0; i < SOCK_ADMIN_N_LISTS; i++)
    if (!sock_router_admin_get_list_live (admin, i))
      return FALSE;
  return TRUE;
}

/* Another client of the demo router, joined to realm demo. */
static SockConnection *
other_client (SockDemoServer *server)
{
  g_autofree char *base = sock_demo_server_dup_base_url (server);
  g_autofree char *url = g_strconcat (base, "/ws", NULL);
  g_autoptr(SockProfile) profile = sock_profile_new_for_url (url, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  SockConnection *connection = sock_connection_new (profile);

  sock_connection_set_realm (connection, "demo");
  sock_connection_open_async (connection, NULL, store_result, &result);
  g_assert_true (wait_for (result_stored, &result));
  g_assert_true (sock_connection_open_finish (connection, result, NULL));
  return connection;
}

static void
answer (SockWamp2Session *session,
        SockInvocation   *invocation,
        gpointer          user_data)
{
  sock_invocation_return (invocation, NULL, NULL);
}

static GtkWindow *
find_dialog (void)
{
  return find_shown_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static gboolean
connection_closed (gpointer data)
{
  return sock_connection_get_state (data) == SOCK_CONNECTION_CLOSED;
}

/* Selects the row of the visible list whose item has uri (or the session id), in its selection. */
static void
select_row (GtkWidget  *view,
            const char *text)
{
  GtkColumnView *table = GTK_COLUMN_VIEW (find_widget (view, GTK_TYPE_COLUMN_VIEW, any_widget, NULL));
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (table));
  GListModel *model = G_LIST_MODEL (selection);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *uri = NULL;

      if (g_object_class_find_property (G_OBJECT_GET_CLASS (item), "uri") == NULL)
        continue;
      g_object_get (item, "uri", &uri, NULL);
      if (g_strcmp0 (uri, text) == 0)
        {
          gtk_single_selection_set_selected (selection, i);
          return;
        }
    }
  g_error ("no row of %s in the visible list", text);
}

static void
select_session (GtkWidget  *view,
                const char *id)
{
  GtkColumnView *table = GTK_COLUMN_VIEW (find_widget (view, GTK_TYPE_COLUMN_VIEW, any_widget, NULL));
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (table));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (selection), i);

      if (SOCK_IS_ADMIN_SESSION (item)
          && sock_admin_session_get_id (SOCK_ADMIN_SESSION (item)) == g_ascii_strtoll (id, NULL, 10))
        {
          gtk_single_selection_set_selected (selection, i);
          return;
        }
    }
  g_error ("no session %s in the visible list", id);
}

static gboolean
subscribed_in_tab (gpointer data)
{
  g_auto(GStrv) subscriptions = sock_connection_page_dup_subscriptions (data);

  return subscriptions != NULL && g_strv_contains ((const char * const *) subscriptions, "prefix com.example.orders");
}

/* The topics the tab's side bar lists, in order, each followed by a space. */
static void
assert_side_bar (SockConnectionPage *page,
                 const char         *expected)
{
  GListModel *model = sock_connection_get_subscriptions (sock_connection_page_get_connection (page));
  g_autoptr(GString) topics = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SockSubscription) sub = g_list_model_get_item (model, i);

      g_string_append_printf (topics, "%s ", sock_subscription_get_topic (sub));
    }
  g_assert_cmpstr (topics->str, ==, expected);
}

static void
test_router_view_live (Fixture       *fixture,
                       gconstpointer  data)
{
  SockConnectionPage *page = sock_window_open_demo (fixture->window, fixture->server);
  g_autoptr(SockConnection) other = NULL;
  g_autoptr(SockConnection) callee = NULL;
  g_autoptr(GAsyncResult) registered = NULL;
  g_autoptr(GAsyncResult) subscribed = NULL;
  SockRouterView *view;
  GtkWindow *dialog;
  const char *other_id;
  CellQuery cell;

  g_assert_true (wait_for (page_joined, page));
  view = SOCK_ROUTER_VIEW (find_widget (GTK_WIDGET (page), SOCK_TYPE_ROUTER_VIEW, any_widget, NULL));
  g_assert_nonnull (view);
  g_assert_null (sock_router_view_get_admin (view));  /* nothing asked before the Router side shows */

  gtk_widget_activate_action (GTK_WIDGET (view), "router.show", "s", "router");
  g_assert_true (wait_for (lists_available, view));
  g_assert_true (wait_for_label (GTK_WIDGET (view), "Kept live from the router’s meta events", FALSE));
  cell = (CellQuery) { GTK_WIDGET (view), sock_connection_get_session_id (sock_connection_page_get_connection (page)), TRUE };
  g_assert_true (wait_for (cell_shown, &cell));
  /* the admin's meta-event subscriptions are not the user's: only the demo tab's own are listed */
  assert_side_bar (page, "demo.tick demo.metrics ");

  /* two other clients: one subscribes, one registers */
  other = other_client (fixture->server);
  other_id = sock_connection_get_session_id (other);
  sock_session_subscribe_async (sock_connection_get_session (other), "com.example.orders", SOCK_MATCH_PREFIX,
                                NULL, store_result, &subscribed);
  g_assert_true (wait_for (result_stored, &subscribed));
  callee = other_client (fixture->server);
  sock_connection_register_async (callee, "com.example.orders.place", NULL, answer, NULL, NULL, store_result,
                                  &registered);
  g_assert_true (wait_for (result_stored, &registered));

  cell = (CellQuery) { GTK_WIDGET (view), other_id, TRUE };
  g_assert_true (wait_for (cell_shown, &cell));
  save_screenshot (GTK_WIDGET (fixture->window), "router-sessions");

  {
    AdwViewStack *lists = NULL;
    GtkWidget *stack_widget;

    /* the inner stack is the one holding the lists */
    stack_widget = gtk_widget_get_ancestor (find_widget (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW, any_widget, NULL),
                                            ADW_TYPE_VIEW_STACK);
    lists = ADW_VIEW_STACK (stack_widget);
    adw_view_stack_set_visible_child_name (lists, "subscriptions");
    cell = (CellQuery) { GTK_WIDGET (view), "com.example.orders", TRUE };
    g_assert_true (wait_for (cell_shown, &cell));
    /* grouping switched in Preferences: the cells are made again at once and the rows stay */
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);

      g_settings_set_boolean (settings, "digit-grouping", FALSE);
      g_assert_true (wait_for (cell_shown, &cell));
      g_settings_set_boolean (settings, "digit-grouping", TRUE);
      g_assert_true (wait_for (cell_shown, &cell));
    }
    save_screenshot (GTK_WIDGET (fixture->window), "router-subscriptions");
    /* its last events, from the router's history of demo.* topics */
    select_row (GTK_WIDGET (view), "demo.tick");
    gtk_widget_activate_action (GTK_WIDGET (view), "router.show-events", NULL);
    g_assert_true (wait_for (dialog_shown, NULL));
    dialog = find_dialog ();
    g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Last Events of demo.tick");
    save_screenshot (GTK_WIDGET (dialog), "router-last-events");
    gtk_window_destroy (dialog);
    /* subscribe to another client's topic in this tab */
    select_row (GTK_WIDGET (view), "com.example.orders");
    gtk_widget_activate_action (GTK_WIDGET (view), "router.subscribe-selected", NULL);
    g_assert_true (wait_for (subscribed_in_tab, page));
    assert_side_bar (page, "demo.tick demo.metrics com.example.orders ");

    adw_view_stack_set_visible_child_name (lists, "registrations");
    cell = (CellQuery) { GTK_WIDGET (view), "com.example.orders.place", TRUE };
    g_assert_true (wait_for (cell_shown, &cell));
    /* the search narrows the lists */
    gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (view), GTK_TYPE_SEARCH_ENTRY, any_widget, NULL)),
                           "orders");
    cell = (CellQuery) { GTK_WIDGET (view), "demo.add", FALSE };
    g_assert_true (wait_for (cell_shown, &cell));
    /* Call… fills the call form in */
    select_row (GTK_WIDGET (view), "com.example.orders.place");
    gtk_widget_activate_action (GTK_WIDGET (view), "router.call-selected", NULL);
    g_assert_nonnull (find_widget (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW, editable_text_is,
                                   "com.example.orders.place"));
    save_screenshot (GTK_WIDGET (fixture->window), "router-registrations");
    gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (view), GTK_TYPE_SEARCH_ENTRY, any_widget, NULL)),
                           "");
    adw_view_stack_set_visible_child_name (lists, "sessions");
  }

  /* this tab's own session is not for killing */
  select_session (GTK_WIDGET (view), sock_connection_get_session_id (sock_connection_page_get_connection (page)));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (view), "router.kill-selected", NULL) && find_dialog ());
  select_session (GTK_WIDGET (view), other_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "router.kill-selected", NULL));
  g_assert_true (wait_for (dialog_shown, NULL));
  gtk_window_destroy (find_dialog ());

  /* kill the other client, confirmed in the dialog with a reason */
  gtk_widget_activate_action (GTK_WIDGET (view), "router.kill", "x",
                              g_ascii_strtoll (other_id, NULL, 10));
  g_assert_true (wait_for (dialog_shown, NULL));
  dialog = find_dialog ();
  save_screenshot (GTK_WIDGET (dialog), "router-kill-dialog");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "kill");
  gtk_window_destroy (dialog);
  g_assert_true (wait_for (connection_closed, other));
  cell = (CellQuery) { GTK_WIDGET (view), other_id, FALSE };
  g_assert_true (wait_for (cell_shown, &cell));
  g_assert_cmpstr (sock_session_error_get_uri (sock_session_get_error (sock_connection_get_session (other))), ==,
                   "wamp.close.killed");
}

static gboolean
tab_opened (gpointer data)
{
  return sock_window_get_selected_connection (data) != NULL;
}

/* Realm plain of the demo router offers no meta API: each list says so, none says it failed. */
static void
test_router_view_not_offered (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *base = sock_demo_server_dup_base_url (fixture->server);
  g_autofree char *url = g_strconcat (base, "/ws", NULL);
  SockConnectionPage *page;
  SockRouterView *view;

  sock_window_set_url (fixture->window, url);
  sock_window_set_realm (fixture->window, "plain");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.connect", NULL));
  g_assert_true (wait_for (tab_opened, fixture->window));
  page = sock_window_get_selected_connection (fixture->window);
  g_assert_true (wait_for (page_joined, page));
  view = SOCK_ROUTER_VIEW (find_widget (GTK_WIDGET (page), SOCK_TYPE_ROUTER_VIEW, any_widget, NULL));
  gtk_widget_activate_action (GTK_WIDGET (view), "router.show", "s", "router");
  g_assert_true (wait_for_label (GTK_WIDGET (view), "Not offered by this router", FALSE));
  g_assert_true (wait_for_label (GTK_WIDGET (view), "wamp.error.no_such_procedure", TRUE));
  g_assert_null (find_label (GTK_WIDGET (view), "Could not ask the router", FALSE));
  run_for (800);  /* the start page slides away */
  save_screenshot (GTK_WIDGET (fixture->window), "router-not-offered");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = ui_test_init (&argc, &argv);
  if (app == NULL)
    return 0;

  g_test_add ("/sockscope/router-view/live", Fixture, NULL, demo_fixture_set_up, test_router_view_live,
              demo_fixture_tear_down);

  g_test_add ("/sockscope/router-view/not-offered", Fixture, NULL, demo_fixture_set_up, test_router_view_not_offered,
              demo_fixture_tear_down);

  ret = g_test_run ();
  ui_test_finish (&app);

  return ret;
}
