/* sock-saved-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sock-saved-connection.h"
#include "sock-saved-list.h"

struct _SockSavedList
{
  AdwBin              parent_instance;

  GListModel         *model;
  GtkSortListModel   *sorted;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  char               *query;     /* casefolded, or NULL */

  /* template */
  GtkSearchEntry     *search_entry;
  GtkListBox         *list;
  GtkLabel           *placeholder;
};

G_DEFINE_FINAL_TYPE (SockSavedList, sock_saved_list, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Most recently used first; never used ones after them, by name. */
static int
compare_saved (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  gint64 used_a = sock_saved_connection_get_last_used ((gpointer) a);
  gint64 used_b = sock_saved_connection_get_last_used ((gpointer) b);

  if (used_a != used_b)
    return used_a > used_b ? -1 : 1;
  return g_utf8_collate (sock_saved_connection_get_name ((gpointer) a), sock_saved_connection_get_name ((gpointer) b));
}

static gboolean
contains_folded (const char *text,
                 const char *query)
{
  g_autofree char *folded = text ? g_utf8_casefold (text, -1) : NULL;

  return folded != NULL && strstr (folded, query) != NULL;
}

static gboolean
matches_search (gpointer item,
                gpointer user_data)
{
  SockSavedList *self = user_data;
  SockConnectOptions *options = sock_saved_connection_get_options (item);

  return self->query == NULL || contains_folded (sock_saved_connection_get_name (item), self->query) ||
         contains_folded (sock_connect_options_get_url (options), self->query);
}

static void
update_placeholder (SockSavedList *self)
{
  gboolean any = self->model != NULL && g_list_model_get_n_items (self->model) > 0;

  gtk_label_set_text (self->placeholder,
                      any ? _("No saved connection matches the search")
                          : _("Nothing saved yet: Save in Connection Settings or from an open tab, or start "
                              "from a template (+)"));
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), any);
}

static void
on_search_changed (SockSavedList *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->query, g_free);
  if (*text != '\0')
    self->query = g_utf8_casefold (text, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* How long ago, short as in a mail list: "now", "5 min", "3 h", "30 Nov"; NULL when never used. */
static char *
dup_last_used (SockSavedConnection *saved,
               char               **when)
{
  gint64 used = sock_saved_connection_get_last_used (saved);
  gint64 ago = g_get_real_time () / G_USEC_PER_SEC - used;
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *full = NULL;

  if (used <= 0)
    return NULL;
  time = g_date_time_new_from_unix_local (used);
  full = g_date_time_format (time, "%c");
  /* TRANSLATORS: a tooltip; %s is a date and time */
  *when = g_strdup_printf (_("Last used %s"), full);
  if (ago < 60)
    /* TRANSLATORS: last used less than a minute ago */
    return g_strdup (C_("last used", "now"));
  if (ago < 3600)
    /* TRANSLATORS: last used this many minutes ago, short */
    return g_strdup_printf (C_("last used", "%d min"), (int) (ago / 60));
  if (ago < 86400)
    /* TRANSLATORS: last used this many hours ago, short */
    return g_strdup_printf (C_("last used", "%d h"), (int) (ago / 3600));
  /* TRANSLATORS: a short date, e.g. "30 Nov" (see strftime) */
  return g_date_time_format (time, C_("last used", "%e %b"));
}

static GMenuModel *
row_menu_new (SockSavedConnection *saved)
{
  static const struct { const char *label; const char *action; } items[] = {
    { N_("_Edit…"), "win.edit-saved" },
    { N_("D_uplicate"), "win.duplicate-saved" },
    { N_("E_xport…"), "win.export-saved" },
    { N_("_Delete"), "win.delete-saved" },
  };
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

      g_menu_item_set_action_and_target (item, items[i].action, "s", sock_saved_connection_get_id (saved));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  SockSavedConnection *saved = item;
  SockConnectOptions *options = sock_saved_connection_get_options (saved);
  g_autofree char *summary = sock_connect_options_dup_summary (options);
  g_autofree char *when = NULL;
  g_autofree char *used = dup_last_used (saved, &when);
  g_autofree char *subtitle = g_strdup_printf ("%s\n%s", sock_connect_options_get_url (options), summary);
  g_autofree char *more_label = g_strdup_printf (_("More for %s"), sock_saved_connection_get_name (saved));
  g_autoptr(GMenuModel) menu = row_menu_new (saved);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *more = gtk_menu_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sock_saved_connection_get_name (saved));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("network-server-symbolic"));

  if (used != NULL)
    {
      GtkWidget *label = gtk_label_new (used);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_set_tooltip_text (label, when);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (more), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (more), menu);
  gtk_widget_set_valign (more, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (more, "flat");
  gtk_widget_set_tooltip_text (more, _("Edit, duplicate, export or delete"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (more), GTK_ACCESSIBLE_PROPERTY_LABEL, more_label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), more);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-saved");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", sock_saved_connection_get_id (saved));
  gtk_widget_set_tooltip_text (row, _("Connect with these settings, secrets from the keyring"));
  return row;
}

void
sock_saved_list_set_model (SockSavedList *self,
                           GListModel    *model)
{
  g_return_if_fail (SOCK_IS_SAVED_LIST (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, update_placeholder, self);
  if (!g_set_object (&self->model, model))
    return;
  gtk_sort_list_model_set_model (self->sorted, model);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (update_placeholder), self, G_CONNECT_SWAPPED);
  update_placeholder (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

GListModel *
sock_saved_list_get_model (SockSavedList *self)
{
  g_return_val_if_fail (SOCK_IS_SAVED_LIST (self), NULL);

  return self->model;
}

guint
sock_saved_list_get_n_shown (SockSavedList *self)
{
  g_return_val_if_fail (SOCK_IS_SAVED_LIST (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

static void
sock_saved_list_dispose (GObject *object)
{
  SockSavedList *self = SOCK_SAVED_LIST (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, update_placeholder, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SOCK_TYPE_SAVED_LIST);
  g_clear_object (&self->filtered);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (sock_saved_list_parent_class)->dispose (object);
}

static void
sock_saved_list_finalize (GObject *object)
{
  SockSavedList *self = SOCK_SAVED_LIST (object);

  g_free (self->query);

  G_OBJECT_CLASS (sock_saved_list_parent_class)->finalize (object);
}

static void
sock_saved_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, SOCK_SAVED_LIST (object)->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_saved_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_MODEL:
      sock_saved_list_set_model (SOCK_SAVED_LIST (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_saved_list_class_init (SockSavedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sock_saved_list_dispose;
  object_class->finalize = sock_saved_list_finalize;
  object_class->get_property = sock_saved_list_get_property;
  object_class->set_property = sock_saved_list_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sockscope/Sockscope/sock-saved-list.ui");
  gtk_widget_class_bind_template_child (widget_class, SockSavedList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SockSavedList, list);
  gtk_widget_class_bind_template_child (widget_class, SockSavedList, placeholder);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
}

static void
sock_saved_list_init (SockSavedList *self)
{
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_saved, NULL, NULL));
  self->sorted = gtk_sort_list_model_new (NULL, sorter);
  self->filter = gtk_custom_filter_new (matches_search, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (self->sorted), GTK_FILTER (self->filter));
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->filtered), create_row, NULL, NULL);
  update_placeholder (self);
}
