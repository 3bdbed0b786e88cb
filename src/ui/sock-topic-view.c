/* sock-topic-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model chain: the tree's roots behind a filter, a GtkTreeListModel whose child models are
 * the nodes' children behind the same filter, and a single selection. The filter keeps a node
 * when its URI or one below it contains the text; while a text is in force the tree is rebuilt
 * expanded, so that every match shows. The cells are in -cells.c, the actions in -actions.c.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sock-number-format.h"
#include "sock-topic-view-private.h"

G_DEFINE_FINAL_TYPE (SockTopicView, sock_topic_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_URI_PREFIX,
  PROP_TREE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Filter ------------------------------------------------------------------------------- */

static gboolean
path_contains (SockTopicNode *node,
               const char    *needle)
{
  g_autofree char *path = g_ascii_strdown (sock_topic_node_get_path (node), -1);

  return strstr (path, needle) != NULL;
}

/* The node matches, or one below it does. */
static gboolean
node_matches (SockTopicNode *node,
              const char    *needle)
{
  GListModel *children = sock_topic_node_get_children (node);

  if (path_contains (node, needle))
    return TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(SockTopicNode) child = g_list_model_get_item (children, i);

      if (node_matches (child, needle))
        return TRUE;
    }
  return FALSE;
}

static gboolean
filter_node (gpointer item,
             gpointer user_data)
{
  SockTopicView *self = user_data;

  return self->needle == NULL || node_matches (item, self->needle);
}

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  SockTopicView *self = user_data;
  GListModel *children = sock_topic_node_get_children (item);

  /* a leaf stays one until it gets a child (the tree then gives it to us again) */
  if (g_list_model_get_n_items (children) == 0)
    return NULL;
  return G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (children),
                                                  g_object_ref (GTK_FILTER (self->filter))));
}

/* Rows ---------------------------------------------------------------------------------- */

SockTopicNode *
_sock_topic_view_get_selected (SockTopicView *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

static void
update_state (SockTopicView *self)
{
  guint n_shown = self->rows ? g_list_model_get_n_items (G_LIST_MODEL (self->rows)) : 0;
  g_autofree char *n_uris = sock_format_count (self->n_uris);
  g_autofree char *summary = NULL;

  if (self->tree == NULL || g_list_model_get_n_items (sock_topic_tree_get_roots (self->tree)) == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (n_shown == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->stack, "tree");
  /* TRANSLATORS: %s is a count, e.g. "1,234" */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s URI", "%s URIs", self->n_uris), n_uris);
  gtk_label_set_text (self->summary_label, summary);
}

/* Chooses the node of path, expanding the rows above it; FALSE when it is not in the tree (or
 * the filter hides it). */
static gboolean
choose_path (SockTopicView *self,
             const char    *path)
{
  gsize path_len = strlen (path);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->rows)); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      const char *row_path = sock_topic_node_get_path (gtk_tree_list_row_get_item (row));
      gsize row_len = strlen (row_path);

      if (g_str_equal (row_path, path))
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
      /* an ancestor: its children come right after it */
      if (row_len < path_len && strncmp (path, row_path, row_len) == 0 && path[row_len] == '.')
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
  return FALSE;
}

static void
choose_prefix (SockTopicView *self)
{
  self->choosing = TRUE;
  if (self->uri_prefix == NULL || !choose_path (self, self->uri_prefix))
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->choosing = FALSE;
}

/* A new tree of rows: expanded while a filter text is in force. */
static void
rebuild_rows (SockTopicView *self)
{
  g_clear_object (&self->rows);
  if (self->roots != NULL)
    self->rows = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->roots)), FALSE, self->needle != NULL,
                                          create_children, self, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->rows));
  choose_prefix (self);
  update_state (self);
}

static void
on_search_changed (SockTopicView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *needle = *text != '\0' ? g_ascii_strdown (text, -1) : NULL;

  if (g_strcmp0 (needle, self->needle) == 0)
    return;
  g_free (self->needle);
  self->needle = g_steal_pointer (&needle);
  /* no text: the filter lets every row through without being asked */
  if (self->needle != NULL)
    gtk_custom_filter_set_filter_func (self->filter, filter_node, self, NULL);
  else
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
  rebuild_rows (self);
}

static void
on_selection_changed (SockTopicView *self)
{
  SockTopicNode *node = _sock_topic_view_get_selected (self);

  _sock_topic_view_update_actions (self);
  /* A row that goes away (collapsed, filtered out) leaves the choice as it was. */
  if (self->choosing || node == NULL)
    return;
  if (g_strcmp0 (self->uri_prefix, sock_topic_node_get_path (node)) == 0)
    return;
  g_free (self->uri_prefix);
  self->uri_prefix = g_strdup (sock_topic_node_get_path (node));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URI_PREFIX]);
}

static void
on_activate (SockTopicView *self,
             guint          position)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "topics.show-messages", NULL);
}

static void
on_clear_filter (SockTopicView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
grouping_changed_cb (SockTopicView *self)
{
  update_state (self);
  _sock_topic_view_regroup_cells (self);
}

/* Per frame --------------------------------------------------------------------------- */

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  SockTopicView *self = SOCK_TOPIC_VIEW (widget);
  guint n_uris, n_roots;

  if (self->tree == NULL)
    return G_SOURCE_CONTINUE;
  /* the log's newest records, without flushing it: the Messages view flushes when it is shown */
  sock_topic_tree_update (self->tree);
  n_uris = sock_topic_tree_get_n_uris (self->tree);
  n_roots = g_list_model_get_n_items (sock_topic_tree_get_roots (self->tree));
  if (n_uris != self->n_uris || n_roots != self->n_roots)
    {
      self->n_uris = n_uris;
      self->n_roots = n_roots;
      /* an ancestor that matched nothing may have a matching child now */
      if (self->needle != NULL)
        gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
      update_state (self);
    }
  _sock_topic_view_refresh_cells (self);
  return G_SOURCE_CONTINUE;
}

/* While hidden ------------------------------------------------------------------------ */

/* Another view of the page is shown (a few reads a second keep up with a log at its smallest
 * cap), or the whole page is hidden (once a second, as cheap as a hidden tab must be). */
static guint
catch_up_interval (SockTopicView *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  return parent != NULL && gtk_widget_get_mapped (parent) ? 250 : 1000;
}

static void start_catch_up (SockTopicView *self);

static gboolean
catch_up_cb (gpointer data)
{
  SockTopicView *self = data;

  /* Nobody may flush the log while the Messages view is hidden too: read what it holds before
   * its cap evicts it, so that the counts take in every message. */
  sock_topic_tree_update (self->tree);
  if (catch_up_interval (self) == self->catch_up_ms)
    return G_SOURCE_CONTINUE;
  self->catch_up_id = 0;
  start_catch_up (self);
  return G_SOURCE_REMOVE;
}

static void
start_catch_up (SockTopicView *self)
{
  guint interval = catch_up_interval (self);

  if (self->tree == NULL || (self->catch_up_id != 0 && self->catch_up_ms == interval))
    return;
  g_clear_handle_id (&self->catch_up_id, g_source_remove);
  self->catch_up_ms = interval;
  self->catch_up_id = g_timeout_add (interval, catch_up_cb, self);
}

static void
sock_topic_view_map (GtkWidget *widget)
{
  SockTopicView *self = SOCK_TOPIC_VIEW (widget);

  g_clear_handle_id (&self->catch_up_id, g_source_remove);
  /* what came since the last read, at once */
  if (self->tree != NULL)
    sock_topic_tree_update (self->tree);
  GTK_WIDGET_CLASS (sock_topic_view_parent_class)->map (widget);
  if (self->tree != NULL)
    sock_topic_tree_set_running (self->tree, TRUE);
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (widget, tick_cb, NULL, NULL);
}

static void
sock_topic_view_unmap (GtkWidget *widget)
{
  SockTopicView *self = SOCK_TOPIC_VIEW (widget);

  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (widget, self->tick_id);
  self->tick_id = 0;
  if (self->tree != NULL)
    sock_topic_tree_set_running (self->tree, FALSE);
  GTK_WIDGET_CLASS (sock_topic_view_parent_class)->unmap (widget);
  start_catch_up (self);
}

static void
sock_topic_view_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  SockTopicView *self = SOCK_TOPIC_VIEW (widget);

  GTK_WIDGET_CLASS (sock_topic_view_parent_class)->size_allocate (widget, width, height, baseline);
  if (self->menu != NULL && gtk_widget_get_visible (self->menu))
    gtk_popover_present (GTK_POPOVER (self->menu));
}

/* API ----------------------------------------------------------------------------------- */

GtkWidget *
sock_topic_view_new (void)
{
  return g_object_new (SOCK_TYPE_TOPIC_VIEW, NULL);
}

void
sock_topic_view_set_log (SockTopicView  *self,
                         SockMessageLog *log)
{
  g_return_if_fail (SOCK_IS_TOPIC_VIEW (self));
  g_return_if_fail (SOCK_IS_MESSAGE_LOG (log));
  g_return_if_fail (self->tree == NULL);

  self->log = g_object_ref (log);
  self->tree = sock_topic_tree_new (log);
  self->roots = gtk_filter_list_model_new (g_object_ref (sock_topic_tree_get_roots (self->tree)),
                                           g_object_ref (GTK_FILTER (self->filter)));
  self->n_uris = sock_topic_tree_get_n_uris (self->tree);
  self->n_roots = g_list_model_get_n_items (sock_topic_tree_get_roots (self->tree));
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    sock_topic_tree_set_running (self->tree, TRUE);
  else
    start_catch_up (self);
  rebuild_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TREE]);
}

void
sock_topic_view_set_connection (SockTopicView  *self,
                                SockConnection *connection)
{
  g_return_if_fail (SOCK_IS_TOPIC_VIEW (self));
  g_return_if_fail (SOCK_IS_CONNECTION (connection));
  g_return_if_fail (self->connection == NULL);

  self->connection = g_object_ref (connection);
  g_signal_connect_object (sock_connection_get_subscriptions (connection), "items-changed",
                           G_CALLBACK (_sock_topic_view_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (connection, "notify::state", G_CALLBACK (_sock_topic_view_update_actions), self,
                           G_CONNECT_SWAPPED);
  sock_topic_view_set_log (self, sock_connection_get_log (connection));
  _sock_topic_view_update_actions (self);
}

SockTopicTree *
sock_topic_view_get_tree (SockTopicView *self)
{
  g_return_val_if_fail (SOCK_IS_TOPIC_VIEW (self), NULL);
  return self->tree;
}

GListModel *
sock_topic_view_get_rows (SockTopicView *self)
{
  g_return_val_if_fail (SOCK_IS_TOPIC_VIEW (self), NULL);
  return G_LIST_MODEL (self->rows);
}

const char *
sock_topic_view_get_uri_prefix (SockTopicView *self)
{
  g_return_val_if_fail (SOCK_IS_TOPIC_VIEW (self), NULL);
  return self->uri_prefix;
}

void
sock_topic_view_set_uri_prefix (SockTopicView *self,
                                const char    *uri_prefix)
{
  g_return_if_fail (SOCK_IS_TOPIC_VIEW (self));

  if (uri_prefix != NULL && *uri_prefix == '\0')
    uri_prefix = NULL;
  if (g_strcmp0 (uri_prefix, self->uri_prefix) == 0)
    return;
  g_free (self->uri_prefix);
  self->uri_prefix = g_strdup (uri_prefix);
  if (self->rows != NULL)
    choose_prefix (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URI_PREFIX]);
}

/* GObject ------------------------------------------------------------------------------- */

static void
sock_topic_view_dispose (GObject *object)
{
  SockTopicView *self = SOCK_TOPIC_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->catch_up_id, g_source_remove);
  if (self->menu != NULL)
    gtk_widget_unparent (g_steal_pointer (&self->menu));
  /* the cells go with the template, before the models they show */
  gtk_widget_dispose_template (GTK_WIDGET (self), SOCK_TYPE_TOPIC_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->rows);
  g_clear_object (&self->roots);
  g_clear_object (&self->filter);
  g_clear_object (&self->tree);
  g_clear_object (&self->log);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (sock_topic_view_parent_class)->dispose (object);
}

static void
sock_topic_view_finalize (GObject *object)
{
  SockTopicView *self = SOCK_TOPIC_VIEW (object);

  _sock_topic_view_finalize_columns (self);
  g_free (self->needle);
  g_free (self->uri_prefix);

  G_OBJECT_CLASS (sock_topic_view_parent_class)->finalize (object);
}

static void
sock_topic_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SockTopicView *self = SOCK_TOPIC_VIEW (object);

  switch (prop_id)
    {
    case PROP_URI_PREFIX: g_value_set_string (value, self->uri_prefix); break;
    case PROP_TREE: g_value_set_object (value, self->tree); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_topic_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SockTopicView *self = SOCK_TOPIC_VIEW (object);

  switch (prop_id)
    {
    case PROP_URI_PREFIX: sock_topic_view_set_uri_prefix (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_topic_view_class_init (SockTopicViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sock_topic_view_dispose;
  object_class->finalize = sock_topic_view_finalize;
  object_class->get_property = sock_topic_view_get_property;
  object_class->set_property = sock_topic_view_set_property;
  widget_class->map = sock_topic_view_map;
  widget_class->unmap = sock_topic_view_unmap;
  widget_class->size_allocate = sock_topic_view_size_allocate;

  properties[PROP_URI_PREFIX] =
    g_param_spec_string ("uri-prefix", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TREE] =
    g_param_spec_object ("tree", NULL, NULL, SOCK_TYPE_TOPIC_TREE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sockscope/Sockscope/sock-topic-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SockTopicView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SockTopicView, subscribe_button);
  gtk_widget_class_bind_template_child (widget_class, SockTopicView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SockTopicView, stack);
  gtk_widget_class_bind_template_child (widget_class, SockTopicView, column_view);
  gtk_widget_class_bind_template_child (widget_class, SockTopicView, selection);
  gtk_widget_class_bind_template_child (widget_class, SockTopicView, node_menu);
  gtk_widget_class_bind_template_child_full (widget_class, "name_column", FALSE,
                                             G_STRUCT_OFFSET (SockTopicView, columns[TOPIC_CELL_NAME]));
  gtk_widget_class_bind_template_child_full (widget_class, "count_column", FALSE,
                                             G_STRUCT_OFFSET (SockTopicView, columns[TOPIC_CELL_COUNT]));
  gtk_widget_class_bind_template_child_full (widget_class, "rate_column", FALSE,
                                             G_STRUCT_OFFSET (SockTopicView, columns[TOPIC_CELL_RATE]));
  gtk_widget_class_bind_template_child_full (widget_class, "activity_column", FALSE,
                                             G_STRUCT_OFFSET (SockTopicView, columns[TOPIC_CELL_ACTIVITY]));
  gtk_widget_class_bind_template_child_full (widget_class, "value_column", FALSE,
                                             G_STRUCT_OFFSET (SockTopicView, columns[TOPIC_CELL_VALUE]));
  gtk_widget_class_bind_template_child_full (widget_class, "ago_column", FALSE,
                                             G_STRUCT_OFFSET (SockTopicView, columns[TOPIC_CELL_AGO]));
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_filter);
  _sock_topic_view_install_actions (widget_class);
}

static void
sock_topic_view_init (SockTopicView *self)
{
  self->filter = gtk_custom_filter_new (NULL, NULL, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  _sock_topic_view_init_columns (self);
  sock_number_format_watch (G_CALLBACK (grouping_changed_cb), self);
  update_state (self);
  _sock_topic_view_update_actions (self);
}
