/* sock-message-diff.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-message-diff.h"
#include "sock-number-format.h"

/* Rows are widgets: more than this would be slow to build, and the diff lists at most
 * SOCK_JSON_DIFF_MAX_CHANGES anyway. */
#define MAX_ROWS 500

struct _SockMessageDiff
{
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkBox *box;
  GtkLabel *title_label;
  GtkLabel *summary_label;
  GtkButton *go_button;
  GtkListBox *list;
  char *text;
};

G_DEFINE_FINAL_TYPE (SockMessageDiff, sock_message_diff, GTK_TYPE_WIDGET)

static GtkWidget *
label (const char *text,
       const char *css_class)
{
  GtkWidget *widget = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (widget), 0);
  gtk_label_set_selectable (GTK_LABEL (widget), TRUE);
  gtk_label_set_wrap (GTK_LABEL (widget), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (widget), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (widget, css_class);
  return widget;
}

static GtkWidget *
change_row (const SockJsonChange *change)
{
  static const char *symbols[] = { "+", "−", "~" };
  static const char *classes[] = { "diff-added", "diff-removed", "diff-changed" };
  const char *words[] = { _("added"), _("removed"), _("changed") };
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *values = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *symbol = gtk_label_new (symbols[change->kind]);
  GtkWidget *path = label (change->path, "monospace");
  g_autofree char *accessible = NULL;

  gtk_widget_add_css_class (row, "diff-row");
  gtk_widget_add_css_class (symbol, classes[change->kind]);
  gtk_widget_add_css_class (symbol, "diff-symbol");
  gtk_widget_set_valign (symbol, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (row), symbol);
  gtk_widget_add_css_class (path, "heading");
  gtk_box_append (GTK_BOX (head), path);
  gtk_box_append (GTK_BOX (head), label (words[change->kind], "dim-label"));
  gtk_widget_set_size_request (head, 140, -1);
  gtk_box_append (GTK_BOX (row), head);
  if (change->old_value != NULL)
    {
      g_autofree char *text = g_strdup_printf ("− %s", change->old_value);

      gtk_box_append (GTK_BOX (values), label (text, "diff-old"));
    }
  if (change->new_value != NULL)
    {
      g_autofree char *text = g_strdup_printf ("+ %s", change->new_value);

      gtk_box_append (GTK_BOX (values), label (text, "diff-new"));
    }
  gtk_widget_set_hexpand (values, TRUE);
  gtk_box_append (GTK_BOX (row), values);
  for (GtkWidget *child = gtk_widget_get_first_child (values); child; child = gtk_widget_get_next_sibling (child))
    gtk_widget_add_css_class (child, "monospace");

  /* Translators: "changed: kwargs.time, from "…" to "…"" read by a screen reader */
  accessible = g_strdup_printf (_("%s: %s, from %s to %s"), words[change->kind], change->path,
                                change->old_value ? change->old_value : _("nothing"),
                                change->new_value ? change->new_value : _("nothing"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return row;
}

static char *
summary (SockJsonDiff *diff)
{
  guint counts[3] = { 0, 0, 0 };
  guint n = sock_json_diff_get_n_changes (diff);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    counts[sock_json_diff_get_change (diff, i)->kind]++;
  if (n == 0)
    g_string_append (out, _("No differences in the payload"));
  else
    {
      g_autofree char *changed = sock_format_count (counts[SOCK_JSON_DIFF_CHANGED]);
      g_autofree char *added = sock_format_count (counts[SOCK_JSON_DIFF_ADDED]);
      g_autofree char *removed = sock_format_count (counts[SOCK_JSON_DIFF_REMOVED]);

      /* TRANSLATORS: counts of values, e.g. "1,234 changed, 2 added, 0 removed" */
      g_string_append_printf (out, _("%s changed, %s added, %s removed"), changed, added, removed);
    }
  if (sock_json_diff_get_n_equal (diff) > 0)
    {
      guint n_equal = sock_json_diff_get_n_equal (diff);
      g_autofree char *equal = sock_format_count (n_equal);

      /* TRANSLATORS: %s is a count, e.g. "1,234" */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, " · %s value the same", " · %s values the same",
                                                n_equal), equal);
    }
  if (sock_json_diff_get_truncated (diff))
    g_string_append_printf (out, " · %s", _("not all compared: the messages are too large"));
  if (n > MAX_ROWS)
    g_string_append_printf (out, " · %s", _("the first 500 listed"));
  return g_string_free (out, FALSE);
}

void
sock_message_diff_show (SockMessageDiff *self,
                        const char      *title,
                        SockJsonDiff    *diff,
                        guint64          other_seq)
{
  g_autofree char *sum = NULL;
  GtkWidget *child;

  g_return_if_fail (SOCK_IS_MESSAGE_DIFF (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  gtk_label_set_text (self->title_label, title);
  g_clear_pointer (&self->text, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->go_button), other_seq != G_MAXUINT64);
  if (other_seq != G_MAXUINT64)
    {
      g_autofree char *number = sock_format_count (other_seq + 1);
      /* TRANSLATORS: %s is a message's number in the log, e.g. "1,234" */
      g_autofree char *go = g_strdup_printf (_("Go to Message %s"), number);

      gtk_button_set_label (self->go_button, go);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->go_button), "t", other_seq);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list), diff != NULL && sock_json_diff_get_n_changes (diff) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), diff != NULL);
  if (diff == NULL)
    return;
  sum = summary (diff);
  gtk_label_set_text (self->summary_label, sum);
  self->text = sock_json_diff_to_text (diff);
  for (guint i = 0; i < MIN (sock_json_diff_get_n_changes (diff), MAX_ROWS); i++)
    gtk_list_box_append (self->list, change_row (sock_json_diff_get_change (diff, i)));
}

const char *
sock_message_diff_get_text (SockMessageDiff *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_DIFF (self), NULL);
  return self->text;
}

static void
sock_message_diff_dispose (GObject *object)
{
  SockMessageDiff *self = SOCK_MESSAGE_DIFF (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->text, g_free);
  G_OBJECT_CLASS (sock_message_diff_parent_class)->dispose (object);
}

static void
sock_message_diff_class_init (SockMessageDiffClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sock_message_diff_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sock_message_diff_init (SockMessageDiff *self)
{
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 12));
  g_object_set (self->box, "margin-start", 12, "margin-end", 12, "margin-top", 8, "margin-bottom", 12, NULL);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->box));

  self->title_label = GTK_LABEL (label ("", "heading"));
  gtk_widget_set_name (GTK_WIDGET (self->title_label), "diff-title");
  self->summary_label = GTK_LABEL (label ("", "dim-label"));
  gtk_widget_set_name (GTK_WIDGET (self->summary_label), "diff-summary");
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->title_label));
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->summary_label));
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (top), titles);
  self->go_button = GTK_BUTTON (gtk_button_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->go_button), GTK_ALIGN_CENTER);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->go_button), "t", (guint64) 0);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->go_button), "detail.go-to");
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->go_button));
  gtk_box_append (self->box, top);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_name (GTK_WIDGET (self->list), "diff-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Changes"), -1);
  gtk_box_append (self->box, GTK_WIDGET (self->list));
}

GtkWidget *
sock_message_diff_new (void)
{
  return g_object_new (SOCK_TYPE_MESSAGE_DIFF, NULL);
}
