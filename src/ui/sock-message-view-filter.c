/* sock-message-view-filter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The filter bar of the Messages view. The bar's widgets are the truth: every change builds a
 * fresh SockMessageFilter from them and hands it to the list, which rebuilds its rows once
 * (editing the current filter field by field would rebuild them once per field). The core
 * filter then tests each new row once, as it arrives.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-message-format.h"
#include "sock-message-view-private.h"
#include "sock-number-format.h"

/* How far back the type menu looks for the types present: bounded, as it runs on a click. */
#define TYPE_SCAN_ROWS 200000

static void
set_entry_error (SockMessageView *self,
                 const char      *message)
{
  GtkWidget *entry = GTK_WIDGET (self->search_entry);

  if (message != NULL)
    gtk_widget_add_css_class (entry, "error");
  else
    gtk_widget_remove_css_class (entry, "error");
  gtk_widget_set_tooltip_text (entry, message);
}

static guint
selected_directions (SockMessageView *self)
{
  switch (gtk_drop_down_get_selected (self->direction_dropdown))
    {
    case 1:
      return 1 << SOCK_LOG_DIRECTION_IN;
    case 2:
      return 1 << SOCK_LOG_DIRECTION_OUT;
    default:
      return 0;
    }
}

static guint
add_checked_types (SockMessageView   *self,
                   SockMessageFilter *filter)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->types_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
      {
        sock_message_filter_add_type (filter,
                                      GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (child), "type")));
        n++;
      }
  return n;
}

static void
update_types_label (SockMessageView *self,
                    guint            n_checked)
{
  g_autofree char *label = NULL;

  if (n_checked == 0)
    label = g_strdup (_("All Types"));
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Type", "%u Types", n_checked),
                             n_checked);
  gtk_menu_button_set_label (self->types_button, label);
}

/* A regular expression that matches nothing: what a pattern that is not one shows. */
#define MATCH_NOTHING "(?!)"

/* The first row at or after seq. */
static guint
lower_bound (SockMessageList *list,
             guint64          seq)
{
  guint lo = 0;
  guint hi = g_list_model_get_n_items (G_LIST_MODEL (list));

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (sock_message_list_get_seq (list, mid) < seq)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static double
row_height (SockMessageView *self)
{
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));

  return n > 0 ? gtk_adjustment_get_upper (adj) / n : 0;
}

/* Which row to keep in place across the rebuild: the chosen one, else the top one. Following,
 * the newest row stays in view by itself. */
static void
capture_anchor (SockMessageView *self)
{
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  double height;
  guint position;

  if (self->anchor_pending)
    return;
  self->anchor_seq = G_MAXUINT64;
  if (self->list == NULL || self->follow || self->paused || (height = row_height (self)) <= 0)
    return;
  if (self->selected_seq != G_MAXUINT64)
    position = lower_bound (self->list, self->selected_seq);
  else
    position = (guint) (gtk_adjustment_get_value (adj) / height);
  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->list)))
    return;
  self->anchor_seq = sock_message_list_get_seq (self->list, position);
  self->anchor_offset = position * height - gtk_adjustment_get_value (adj);
  /* A chosen row out of view keeps the view where it was. */
  if (self->anchor_offset < 0 || self->anchor_offset > gtk_adjustment_get_page_size (adj))
    {
      position = (guint) (gtk_adjustment_get_value (adj) / height);
      self->anchor_seq = sock_message_list_get_seq (self->list, position);
      self->anchor_offset = position * height - gtk_adjustment_get_value (adj);
    }
}

/* The detail pane's "Go to": choose message seq and bring it into view (a third down the
 * table, by the anchor the next layout applies). */
void
_sock_message_view_show_seq (SockMessageView *self,
                             guint64          seq)
{
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  g_autofree char *text = NULL;
  guint position;

  if (self->list == NULL)
    return;
  position = lower_bound (self->list, seq);
  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->list)) ||
      sock_message_list_get_seq (self->list, position) != seq)
    {
      g_autofree char *number = sock_format_count (seq + 1);

      /* TRANSLATORS: %s is a message's number in the log, e.g. "1,234" */
      text = g_strdup_printf (seq < sock_message_log_get_first_seq (self->log) ?
                                _("Message %s is no longer in the log") :
                                _("Message %s is hidden by the filter"), number);
      _sock_message_view_toast (self, text, FALSE);
      return;
    }
  sock_message_view_set_follow (self, FALSE);
  gtk_single_selection_set_selected (self->selection, position);
  self->anchor_seq = seq;
  self->anchor_offset = gtk_adjustment_get_page_size (adj) / 3;
  self->anchor_pending = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self->column_view));
}

/* The chosen row is chosen again when the filter shows it; while it hides it, the details go. */
static void
restore_selection (SockMessageView *self)
{
  guint position;

  if (self->selected_seq == G_MAXUINT64 || self->list == NULL)
    return;
  position = lower_bound (self->list, self->selected_seq);
  if (position < g_list_model_get_n_items (G_LIST_MODEL (self->list))
      && sock_message_list_get_seq (self->list, position) == self->selected_seq)
    {
      gtk_single_selection_set_selected (self->selection, position);
      return;
    }
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  gtk_widget_set_visible (GTK_WIDGET (self->detail), FALSE);
  sock_message_detail_clear (self->detail);
}

/* How many rows of the list come after message seq. */
guint
_sock_message_view_rows_after (SockMessageView *self,
                               guint64          seq)
{
  if (self->list == NULL)
    return 0;
  return g_list_model_get_n_items (G_LIST_MODEL (self->list)) - lower_bound (self->list, seq + 1);
}

guint
_sock_message_view_position_of (SockMessageView *self,
                                guint64          seq)
{
  guint position = self->list != NULL ? lower_bound (self->list, seq) : 0;

  if (self->list == NULL || position >= g_list_model_get_n_items (G_LIST_MODEL (self->list)) ||
      sock_message_list_get_seq (self->list, position) != seq)
    return GTK_INVALID_LIST_POSITION;
  return position;
}

void
_sock_message_view_restore_anchor (SockMessageView *self)
{
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  double height;
  double value;

  self->anchor_pending = FALSE;
  if (self->list == NULL || (height = row_height (self)) <= 0)
    return;
  value = lower_bound (self->list, self->anchor_seq) * height - self->anchor_offset;
  value = CLAMP (value, 0, MAX (0, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj)));
  gtk_adjustment_set_value (adj, value);
}

static void
show_pattern_error (SockMessageView *self,
                    const char      *message)
{
  g_autofree char *escaped = message ? g_markup_escape_text (message, -1) : NULL;

  g_free (self->pattern_error);
  self->pattern_error = g_strdup (message);
  set_entry_error (self, message);
  adw_status_page_set_description (self->invalid_page, escaped);
}

static void
apply_filter (SockMessageView *self)
{
  g_autoptr(SockMessageFilter) filter = sock_message_filter_new ();
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint n_types;

  capture_anchor (self);
  show_pattern_error (self, NULL);
  if (gtk_toggle_button_get_active (self->regex_button) && text[0] != '\0')
    {
      /* A pattern that is not one shows no rows, and says why, rather than every row. */
      if (!sock_message_filter_set_regex (filter, text, &error))
        {
          show_pattern_error (self, error->message);
          sock_message_filter_set_regex (filter, MATCH_NOTHING, NULL);
        }
    }
  else
    sock_message_filter_set_text (filter, text);
  sock_message_filter_set_directions (filter, selected_directions (self));
  sock_message_filter_set_uri_prefix (filter, self->uri_prefix);
  n_types = add_checked_types (self, filter);
  update_types_label (self, n_types);

  g_clear_object (&self->filter);
  if (!sock_message_filter_is_empty (filter))
    self->filter = g_steal_pointer (&filter);
  if (self->list != NULL)
    sock_message_list_set_filter (self->list, self->filter);
  restore_selection (self);
  self->anchor_pending = self->anchor_seq != G_MAXUINT64;
  _sock_message_view_update_status (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self->column_view));
}

typedef struct
{
  guint8 kind;
  guint8 type;
} TypeKey;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  const TypeKey *ka = a, *kb = b;

  return g_strcmp0 (sock_message_format_type_name (ka->kind, ka->type),
                    sock_message_format_type_name (kb->kind, kb->type));
}

/* The (kind, type) pairs among the newest rows, by name. Kinds share a type code (v1 EVENT and
 * v2 ERROR are both 8), so one check box stands for every kind with its code. */
static GArray *
collect_types (SockMessageView *self)
{
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (TypeKey));
  gboolean seen[256] = { FALSE };
  guint64 end, first;

  if (self->log == NULL)
    return keys;
  end = sock_message_log_get_end_seq (self->log);
  first = MAX (sock_message_log_get_first_seq (self->log),
               end > TYPE_SCAN_ROWS ? end - TYPE_SCAN_ROWS : 0);
  for (guint64 seq = end; seq > first; seq--)
    {
      SockLogEntry e;

      if (!sock_message_log_peek (self->log, seq - 1, &e, NULL, NULL) || seen[e.type])
        continue;
      seen[e.type] = TRUE;
      g_array_append_val (keys, ((TypeKey) { e.kind, e.type }));
    }
  g_array_sort (keys, compare_names);
  return keys;
}

static void
type_toggled_cb (SockMessageView *self)
{
  apply_filter (self);
}

static GtkWidget *
type_check (SockMessageView *self,
            const TypeKey   *key,
            gboolean         active)
{
  GtkWidget *check = gtk_check_button_new_with_label (sock_message_format_type_name (key->kind,
                                                                                      key->type));

  g_object_set_data (G_OBJECT (check), "type", GUINT_TO_POINTER (key->type));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  g_signal_connect_object (check, "toggled", G_CALLBACK (type_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  return check;
}

void
_sock_message_view_refresh_types (SockMessageView *self)
{
  g_autoptr(GArray) keys = collect_types (self);
  GtkWidget *child;
  GtkWidget *placeholder;

  /* Keep the checked types even when they left the recent rows. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->types_box)); child != NULL;)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (!GTK_IS_CHECK_BUTTON (child) || !gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
        gtk_box_remove (self->types_box, child);
      child = next;
    }
  for (guint i = 0; i < keys->len; i++)
    {
      const TypeKey *key = &g_array_index (keys, TypeKey, i);

      if (self->filter == NULL || !sock_message_filter_has_type (self->filter, key->type))
        gtk_box_append (self->types_box, type_check (self, key, FALSE));
    }
  if (gtk_widget_get_first_child (GTK_WIDGET (self->types_box)) != NULL)
    return;
  placeholder = gtk_label_new (_("No messages yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_box_append (self->types_box, placeholder);
}

static void
search_changed_cb (SockMessageView *self)
{
  apply_filter (self);
}

/* The URI prefix ------------------------------------------------------------------ */

static void
update_prefix_chip (SockMessageView *self)
{
  g_autofree char *label = NULL;
  g_autofree char *tooltip = NULL;

  gtk_widget_set_visible (self->prefix_chip, self->uri_prefix != NULL);
  if (self->uri_prefix == NULL)
    return;
  /* TRANSLATORS: the chip in the messages' filter bar; %s is a URI chosen in the Topics view */
  label = g_strdup_printf (_("Under %s"), self->uri_prefix);
  /* TRANSLATORS: both %s are the same URI */
  tooltip = g_strdup_printf (_("Only messages whose URI is %s or begins with “%s.”, chosen in the Topics view"),
                             self->uri_prefix, self->uri_prefix);
  gtk_label_set_text (self->prefix_label, label);
  gtk_widget_set_tooltip_text (self->prefix_chip, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->prefix_chip), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

void
sock_message_view_set_uri_prefix (SockMessageView *self,
                                  const char      *uri_prefix)
{
  g_return_if_fail (SOCK_IS_MESSAGE_VIEW (self));

  if (uri_prefix != NULL && *uri_prefix == '\0')
    uri_prefix = NULL;
  if (g_strcmp0 (uri_prefix, self->uri_prefix) == 0)
    return;
  g_free (self->uri_prefix);
  self->uri_prefix = g_strdup (uri_prefix);
  update_prefix_chip (self);
  /* a filter in force is seen in the bar */
  if (uri_prefix != NULL)
    gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  apply_filter (self);
  g_object_notify (G_OBJECT (self), "uri-prefix");
}

const char *
sock_message_view_get_uri_prefix (SockMessageView *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_VIEW (self), NULL);
  return self->uri_prefix;
}

static void
prefix_clear_cb (SockMessageView *self)
{
  sock_message_view_set_uri_prefix (self, NULL);
}

static void
search_mode_cb (SockMessageView *self)
{
  GtkWidget *child;

  /* Closing the bar (Escape or its close button) shows every row again: a filter that is in
   * force must be visible. */
  if (gtk_search_bar_get_search_mode (self->search_bar))
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->types_box))) != NULL)
    gtk_box_remove (self->types_box, child);
  g_signal_handlers_block_by_func (self->direction_dropdown, search_changed_cb, self);
  gtk_drop_down_set_selected (self->direction_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->direction_dropdown, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  if (self->uri_prefix != NULL)
    sock_message_view_set_uri_prefix (self, NULL);
  else
    apply_filter (self);
}

void
_sock_message_view_init_filter (SockMessageView *self)
{
  g_object_bind_property (self->find_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->regex_button, "toggled", G_CALLBACK (search_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->direction_dropdown, "notify::selected",
                           G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_widget_get_last_child (self->prefix_chip), "clicked",
                           G_CALLBACK (prefix_clear_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->types_popover, "show",
                           G_CALLBACK (_sock_message_view_refresh_types), self, G_CONNECT_SWAPPED);
}
