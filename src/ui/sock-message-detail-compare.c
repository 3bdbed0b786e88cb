/* sock-message-detail-compare.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The detail pane's comparisons: the shown message against the previous one of the same type on
 * the same topic (or procedure), or against a message marked before (any two rows). The diff
 * is the core's (sock-message-compare.h); the Changes page shows it.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-connection-page.h"
#include "sock-message-compare.h"
#include "sock-message-detail-private.h"
#include "sock-message-format.h"
#include "sock-number-format.h"
#include "sock-send-entry.h"

static void
show_changes (SockMessageDetail *self,
              const char        *title,
              SockJsonDiff      *diff,
              guint64            other_seq)
{
  sock_message_diff_show (self->diff_view, title, diff, other_seq);
  gtk_stack_page_set_visible (self->compare_page, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "compare");
}

static void
compare (SockMessageDetail *self,
         guint64            other,
         const char        *why)
{
  guint64 older = MIN (other, self->seq), newer = MAX (other, self->seq);
  g_autoptr(GError) error = NULL;
  g_autoptr(SockJsonDiff) diff = sock_message_compare (self->log, older, newer, &error);
  g_autofree char *title = NULL;
  g_autofree char *newer_text = sock_format_count (newer + 1);
  g_autofree char *older_text = sock_format_count (older + 1);

  if (diff == NULL && older < sock_message_log_get_first_seq (self->log))
    {
      /* the core's words, with the number as the rest of the window writes it */
      /* TRANSLATORS: %s is a message's number in the log, e.g. "1,234" */
      title = g_strdup_printf (_("Message %s is no longer in the log"), older_text);
      return show_changes (self, title, NULL, G_MAXUINT64);
    }
  if (diff == NULL)
    return show_changes (self, error->message, NULL, G_MAXUINT64);
  /* Translators: "Message 1,234 against message 1,210, the previous EVENT on demo.tick" */
  title = g_strdup_printf (_("Message %s against message %s, %s"), newer_text, older_text, why);
  show_changes (self, title, diff, other);
}

static void
compare_previous_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SockMessageDetail *self = SOCK_MESSAGE_DETAIL (widget);
  SockLogEntry e;
  const char *uri;
  const char *type;
  guint64 previous;
  g_autofree char *why = NULL;

  if (self->log == NULL || !sock_message_log_peek (self->log, self->seq, &e, NULL, NULL))
    return;
  uri = sock_message_log_get_uri (self->log, e.uri);
  type = sock_message_format_type_name (e.kind, e.type);
  previous = sock_message_find_previous (self->log, self->seq, SOCK_MESSAGE_COMPARE_MAX_SCAN);
  if (previous == G_MAXUINT64)
    {
      why = uri != NULL ? g_strdup_printf (_("No earlier %s on %s in the log to compare with"), type, uri) :
                          g_strdup (_("This message has no topic or procedure: mark another message to compare "
                                      "with instead"));
      return show_changes (self, why, NULL, G_MAXUINT64);
    }
  /* Translators: "the previous EVENT on demo.tick" */
  why = g_strdup_printf (_("the previous %s on %s"), type, uri);
  compare (self, previous, why);
}

static void
mark_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SockMessageDetail *self = SOCK_MESSAGE_DETAIL (widget);

  self->marked_seq = self->seq;
  _sock_message_detail_update_compare_actions (self);
}

static void
compare_marked_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SockMessageDetail *self = SOCK_MESSAGE_DETAIL (widget);

  if (self->log == NULL || self->marked_seq == G_MAXUINT64 || self->marked_seq == self->seq)
    return;
  compare (self, self->marked_seq, _("the one marked"));
}

/* A call, publication or event fills the side bar's form with what it carried (page.send-again). */
static void
send_again_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SockMessageDetail *self = SOCK_MESSAGE_DETAIL (widget);

  if (self->seq != G_MAXUINT64)
    gtk_widget_activate_action (widget, "page.send-again", "t", self->seq);
}

void
_sock_message_detail_update_compare_actions (SockMessageDetail *self)
{
  gboolean shown = self->seq != G_MAXUINT64 && self->log != NULL;
  g_autoptr(SockSendEntry) entry = shown ? sock_send_entry_new_from_log (self->log, self->seq) : NULL;

  /* only where a tab's forms are: an opened file's window has none */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.send-again",
                                 entry != NULL && gtk_widget_get_ancestor (GTK_WIDGET (self), SOCK_TYPE_CONNECTION_PAGE) != NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.compare-previous", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.mark", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.compare-marked",
                                 shown && self->marked_seq != G_MAXUINT64 && self->marked_seq != self->seq);
}

void
_sock_message_detail_install_compare_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "detail.send-again", NULL, send_again_action);
  gtk_widget_class_install_action (widget_class, "detail.compare-previous", NULL, compare_previous_action);
  gtk_widget_class_install_action (widget_class, "detail.mark", NULL, mark_action);
  gtk_widget_class_install_action (widget_class, "detail.compare-marked", NULL, compare_marked_action);
}
