/* sock-message-view-status.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Messages view says about its rows: the count, the dropped note, the pill of a paused
 * view, which page shows (the table, or why there is none), and toasts with "Jump to Newest"
 * above them.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-message-format.h"
#include "sock-message-view-private.h"
#include "sock-number-format.h"

/* "Jump to Newest"'s distance from the bottom, and the room a toast takes there. */
#define JUMP_MARGIN 18
#define TOAST_HEIGHT 66

void
_sock_message_view_update_dropped (SockMessageView *self)
{
  guint64 dropped = self->log != NULL ? sock_message_log_get_dropped (self->log) : 0;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *n = NULL;
  g_autofree char *max = NULL;
  char bytes[32];

  gtk_widget_set_visible (self->dropped_box, dropped > 0);
  if (dropped == 0)
    return;
  sock_message_format_size (sock_message_log_get_max_bytes (self->log), bytes, sizeof bytes);
  n = sock_format_count (dropped);
  max = sock_format_count (sock_message_log_get_max_messages (self->log));
  /* TRANSLATORS: %s is a count of messages, e.g. "1,234" */
  text = g_strdup_printf (_("%s dropped"), n);
  tooltip = g_strdup_printf (_("The log keeps the newest %s messages and at most %s of payloads; "
                               "older messages were dropped to stay within these limits. "
                               "Raise them in Preferences › Message Log to keep more."),
                             max, bytes);
  gtk_label_set_text (self->dropped_label, text);
  gtk_widget_set_tooltip_text (self->dropped_box, tooltip);
}

void
_sock_message_view_update_count (SockMessageView *self)
{
  guint shown = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  guint64 total = 0;
  g_autofree char *text = NULL;
  g_autofree char *shown_text = sock_format_count (shown);
  g_autofree char *total_text = NULL;

  if (self->log != NULL)
    total = sock_message_log_get_notified_end (self->log) -
            sock_message_log_get_notified_first (self->log);
  total_text = sock_format_count (total);
  if (self->pattern_error != NULL)
    text = g_strdup (_("Invalid pattern"));
  else if (self->filter != NULL)
    text = g_strdup_printf (_("%s of %s messages"), shown_text, total_text);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s message", "%s messages", shown), shown_text);
  gtk_inscription_set_text (self->count_label, text);
  /* The first rows must not wait for the next turn. */
  self->counted_empty = shown == 0;
}

void
_sock_message_view_update_overlays (SockMessageView *self)
{
  gboolean has_rows = self->list != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0;

  gtk_widget_set_visible (self->new_pill, self->paused);
  gtk_widget_set_visible (self->jump_button, !self->follow && !self->paused && has_rows);
}

void
_sock_message_view_update_page (SockMessageView *self)
{
  const char *page = self->in_tail ? "tail" : "list";

  if (self->list == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->list)) == 0)
    {
      if (self->pattern_error != NULL)
        page = "invalid";
      else if (self->log == NULL ||
          sock_message_log_get_notified_end (self->log) == sock_message_log_get_notified_first (self->log))
        page = "empty";
      else
        page = "no-match";
    }
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), page) != 0)
    {
      gtk_stack_set_visible_child_name (self->content_stack, page);
      _sock_message_view_update_overlays (self);
    }
}

void
_sock_message_view_update_new_pill (SockMessageView *self)
{
  guint64 n_new = sock_message_view_get_n_new (self);
  g_autofree char *text = NULL;
  g_autofree char *count = NULL;

  if (n_new == self->shown_new && self->shown_new != G_MAXUINT64)
    return;
  self->shown_new = n_new;
  count = sock_format_count (n_new);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Paused · %s new", "Paused · %s new", n_new), count);
  adw_button_content_set_label (self->new_pill_content, text);
}

void
_sock_message_view_update_counts (SockMessageView *self)
{
  self->shown_new = G_MAXUINT64;
  _sock_message_view_update_count (self);
  _sock_message_view_update_dropped (self);
  _sock_message_view_update_new_pill (self);
}

/* A toast rises from the bottom of the view: "Jump to Newest" stands above it meanwhile. */
static void
update_jump_place (SockMessageView *self)
{
  gtk_widget_set_margin_bottom (self->jump_button, self->n_toasts > 0 ? JUMP_MARGIN + TOAST_HEIGHT : JUMP_MARGIN);
}

static void
toast_dismissed_cb (SockMessageView *self)
{
  g_assert (self->n_toasts > 0);
  self->n_toasts--;
  /* The overlay dismisses what it still holds when the view goes. */
  if (self->jump_button != NULL)
    update_jump_place (self);
}

void
_sock_message_view_toast (SockMessageView *self,
                          const char      *text,
                          gboolean         error)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, error ? 10 : 5);
  if (error)
    adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  self->n_toasts++;
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, G_CONNECT_SWAPPED);
  update_jump_place (self);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
