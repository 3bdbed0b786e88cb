/* test-shortcuts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shortcuts window lists every key the app answers to: the application's accelerators and
 * the key bindings of the window, the messages view, the connect dialog and the publish and call
 * forms.
 */

#include "config.h"

#include "sock-application.h"
#include "sock-call-form.h"
#include "sock-connect-dialog.h"
#include "sock-connection-page.h"
#include "sock-handshake-view.h"
#include "sock-publish-form.h"
#include "sock-router-view.h"
#include "sock-topic-view.h"
#include "sock-message-view.h"
#include "sock-window.h"
#include "test-ui-util.h"

static SockApplication *app;

/* "<Control>s" for a key and modifiers, the same however they were written (KP_Enter is
 * Return, Shift+N is Shift+n). */
static char *
canonical (guint           keyval,
           GdkModifierType mods)
{
  keyval = gdk_keyval_to_lower (keyval);
  if (keyval == GDK_KEY_KP_Enter)
    keyval = GDK_KEY_Return;
  return gtk_accelerator_name (keyval, mods & gtk_accelerator_get_default_mod_mask ());
}

static void
add_accel (GHashTable *set,
           const char *accel)
{
  guint keyval;
  GdkModifierType mods;

  g_assert_true (gtk_accelerator_parse (accel, &keyval, &mods));
  g_hash_table_add (set, canonical (keyval, mods));
}

/* What the shortcuts window shows: accelerators, and the app's accels of its action entries. */
static void
collect_listed (GtkWidget  *widget,
                GHashTable *listed)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;

      g_object_get (widget, "accelerator", &accelerator, "action-name", &action, NULL);
      if (accelerator != NULL)
        {
          g_auto(GStrv) accels = g_strsplit (accelerator, " ", -1);

          for (guint i = 0; accels[i] != NULL; i++)
            add_accel (listed, accels[i]);
        }
      else if (action != NULL)
        {
          g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);

          g_assert_cmpuint (g_strv_length (accels), >, 0);
          for (guint i = 0; accels[i] != NULL; i++)
            add_accel (listed, accels[i]);
        }
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_listed (c, listed);
}

/* Whose keys the shortcuts window must list: our own actions (and the one callback binding,
 * Ctrl+End in the messages view); GTK's own (the inspector, mnemonics, …) are not ours. */
static gboolean
is_ours (GtkShortcutAction *action,
         GType              owner)
{
  if (GTK_IS_NAMED_ACTION (action))
    {
      const char *name = gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));

      return g_str_has_prefix (name, "win.") || g_str_has_prefix (name, "app.") ||
             g_str_has_prefix (name, "messages.") || g_str_has_prefix (name, "dialog.") ||
             g_str_has_prefix (name, "publish.") || g_str_has_prefix (name, "call.") ||
             g_str_has_prefix (name, "router.") || g_str_has_prefix (name, "page.") ||
             g_str_has_prefix (name, "handshakes.") || g_str_has_prefix (name, "topics.");
    }
  return GTK_IS_CALLBACK_ACTION (action) && owner == SOCK_TYPE_MESSAGE_VIEW;
}

/* The keys a widget's class binds (gtk_widget_class_add_binding*): GTK keeps them in a
 * shortcut controller on each instance. */
static void
collect_bound (GtkWidget  *widget,
               GHashTable *bound)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      GListModel *shortcuts;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      shortcuts = G_LIST_MODEL (controller);
      for (guint j = 0; j < g_list_model_get_n_items (shortcuts); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          g_autofree char *text = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));

          if (g_test_verbose ())
            g_test_message ("%s: %s", G_OBJECT_TYPE_NAME (widget), text);
          if (!is_ours (gtk_shortcut_get_action (shortcut), G_OBJECT_TYPE (widget)))
            continue;
          g_assert_true (GTK_IS_KEYVAL_TRIGGER (trigger));
          g_hash_table_add (bound,
                            canonical (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                       gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))));
        }
    }
}

static void
collect_app_accels (GHashTable *bound)
{
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        add_accel (bound, accels[j]);
    }
}

static void
test_shortcuts_cover_bindings (void)
{
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) bound = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  SockWindow *window = sock_window_new (app);
  GtkWidget *view = g_object_ref_sink (sock_message_view_new ());
  GtkWidget *publish = g_object_ref_sink (g_object_new (SOCK_TYPE_PUBLISH_FORM, NULL));
  GtkWidget *call = g_object_ref_sink (g_object_new (SOCK_TYPE_CALL_FORM, NULL));
  GtkWidget *router = g_object_ref_sink (g_object_new (SOCK_TYPE_ROUTER_VIEW, NULL));
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url ("ws://127.0.0.1:9/", NULL);
  GtkWidget *page = g_object_ref_sink (sock_connection_page_new (options));
  GtkWidget *handshakes = g_object_ref_sink (sock_handshake_view_new ());
  GtkWidget *topics = g_object_ref_sink (sock_topic_view_new ());
  SockConnectDialog *dialog = sock_connect_dialog_new (GTK_WINDOW (window), NULL);
  GtkShortcutsWindow *overlay;
  GHashTableIter iter;
  const char *accel;
  guint missing = 0;

  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  collect_listed (GTK_WIDGET (overlay), listed);

  collect_app_accels (bound);
  collect_bound (GTK_WIDGET (window), bound);
  collect_bound (view, bound);
  collect_bound (GTK_WIDGET (dialog), bound);
  collect_bound (publish, bound);
  collect_bound (call, bound);
  collect_bound (router, bound);
  collect_bound (handshakes, bound);
  collect_bound (topics, bound);
  collect_bound (page, bound);
  /* Sanity: what this test is about is really there. */
  g_assert_true (g_hash_table_contains (bound, "<Control>comma"));
  g_assert_true (g_hash_table_contains (bound, "<Shift><Control>s"));
  g_assert_true (g_hash_table_contains (bound, "<Control>End"));
  g_assert_true (g_hash_table_contains (bound, "<Control>question"));
  g_assert_true (g_hash_table_contains (bound, "<Control>Return"));
  g_assert_true (g_hash_table_contains (bound, "<Shift><Control>d"));
  g_assert_true (g_hash_table_contains (bound, "<Shift><Control>c"));
  g_assert_true (g_hash_table_contains (bound, "<Shift><Control>h"));
  g_assert_true (g_hash_table_contains (bound, "<Shift><Control>t"));
  g_assert_true (g_hash_table_contains (bound, "<Control>4"));
  g_assert_true (g_hash_table_contains (bound, "<Shift>F10"));

  g_hash_table_iter_init (&iter, bound);
  while (g_hash_table_iter_next (&iter, (gpointer *) &accel, NULL))
    if (!g_hash_table_contains (listed, accel))
      {
        g_test_message ("%s is not in the shortcuts window", accel);
        missing++;
      }
  g_assert_cmpuint (missing, ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (topics);
  g_object_unref (view);
  g_object_unref (publish);
  g_object_unref (call);
  g_object_unref (router);
  g_object_unref (handshakes);
  g_object_unref (page);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* What a user sees: the Messages group with its keys, next to the rest. */
static void
test_shortcuts_window_shows (void)
{
  SockWindow *window = sock_window_new (app);
  GtkShortcutsWindow *overlay;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (widget_mapped, window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_true (wait_for (widget_mapped, overlay));
  g_assert_true (wait_for_label (overlay, "Messages", FALSE));
  g_assert_true (wait_for_label (overlay, "Export the filtered messages", FALSE));
  g_assert_true (wait_for_label (overlay, "Preferences", FALSE));
  save_screenshot (GTK_WIDGET (overlay), "shortcuts");
  /* keys by their names, not their key symbols */
  g_assert_true (wait_for_label (overlay, "Page Down", FALSE));
  g_assert_null (find_label (GTK_WIDGET (overlay), "Page_Down", TRUE));
  g_assert_true (wait_for_label (overlay, "New window", FALSE));
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = ui_test_init (&argc, &argv);
  if (app == NULL)
    return 0;

  g_test_add_func ("/sockscope/shortcuts/cover-bindings", test_shortcuts_cover_bindings);
  g_test_add_func ("/sockscope/shortcuts/window-shows", test_shortcuts_window_shows);

  ret = g_test_run ();
  ui_test_finish (&app);

  return ret;
}
