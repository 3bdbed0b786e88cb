/* sock-message-detail-fields.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Fields page of the detail pane: a WAMP message's elements by name, ids and URIs in a
 * table, Details and Options as a table of their members, Arguments and Keyword arguments
 * pretty-printed (every number as it came: the one printer, sock_json_pretty()). A MessagePack
 * or CBOR message is read in its JSON form (sock_log_entry_dup_json(): binary strings as "\u0000"
 * and base64, big integers exact), so that it gets the same names. And the line above the pages
 * that says which message answers this one, or which one it answers.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>
#include <string.h>

#include "sock-format.h"
#include "sock-json-pretty.h"
#include "sock-message-detail-private.h"
#include "sock-message-pairs.h"
#include "sock-number-format.h"
#include "sock-safe-text.h"
#include "sock-wamp-fields.h"

/* A payload longer than this when printed is cut here: the Pretty page has it all. */
#define MAX_PRETTY_CHARS (64 * 1024)
#define MAX_TABLE_ROWS 200
#define MAX_CELL_CHARS 300

static GtkWidget *
name_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
value_label (const char *text,
             gboolean    monospace)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  if (monospace)
    gtk_widget_add_css_class (label, "monospace");
  return label;
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

/* A string's decoded text made safe for a label; anything else as it came. */
static char *
scalar_text (const char          *frame,
             const SockWampField *field)
{
  const SockJsonElement *e = &field->element;

  if (e->kind == SOCK_JSON_STRING)
    {
      g_autofree char *decoded = g_malloc (e->len + 1);
      gsize n = sock_json_decode_string (frame, e, decoded);

      return sock_safe_text (decoded, n, SOCK_SAFE_TEXT_MAX_CHARS, SOCK_SAFE_TEXT_ONE_LINE);
    }
  return sock_json_compact (frame + e->offset, e->len, MAX_CELL_CHARS);
}

static char *
request_type_text (const char          *frame,
                   const SockWampField *field,
                   SockWampVersion      version)
{
  gint64 type;
  const char *name;

  if (sock_json_parse_integer (frame, &field->element, &type) != SOCK_JSON_INTEGER_OK ||
      (name = sock_wamp_message_type_name (version, (int) CLAMP (type, -1, 255))) == NULL)
    return scalar_text (frame, field);
  return g_strdup_printf ("%s (%" G_GINT64_FORMAT ")", name, type);
}

static void
add_scalar (GtkGrid    *grid,
            guint      *row,
            const char *name,
            const char *value,
            gboolean    monospace)
{
  GtkWidget *label = value_label (value, monospace);

  gtk_grid_attach (grid, name_label (name), 0, *row, 1, 1);
  gtk_grid_attach (grid, label, 1, *row, 1, 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  (*row)++;
}

/* Details / Options / Extra: one row per member, its value in one line as it came. */
static GtkWidget *
dict_table (const char          *frame,
            const SockWampField *field)
{
  GtkWidget *grid = gtk_grid_new ();
  SockJsonIter iter;
  SockJsonElement key, value;
  guint row = 0, more = 0;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_widget_set_margin_start (grid, 12);
  sock_json_iter_init (&iter, frame, &field->element);
  while (sock_json_iter_next (&iter, &key, &value))
    {
      g_autofree char *raw_key = g_malloc (key.len + 1);
      g_autofree char *safe_key = NULL;
      g_autofree char *cell = NULL;

      if (row >= MAX_TABLE_ROWS)
        {
          more++;
          continue;
        }
      sock_json_decode_string (frame, &key, raw_key);
      safe_key = sock_safe_text (raw_key, -1, 80, SOCK_SAFE_TEXT_ONE_LINE);
      cell = sock_json_compact (frame + value.offset, value.len, MAX_CELL_CHARS);
      gtk_grid_attach (GTK_GRID (grid), name_label (safe_key), 0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), value_label (cell, TRUE), 1, row, 1, 1);
      row++;
    }
  if (row == 0)
    {
      g_autofree char *text = field->element.kind == SOCK_JSON_OBJECT ?
        g_strdup (_("empty")) : sock_json_compact (frame + field->element.offset, field->element.len, MAX_CELL_CHARS);
      GtkWidget *none = value_label (text, FALSE);

      gtk_widget_add_css_class (none, "dim-label");
      gtk_grid_attach (GTK_GRID (grid), none, 0, 0, 2, 1);
    }
  if (more > 0)
    {
      g_autofree char *count = sock_format_count (more);
      /* TRANSLATORS: %s is a count, e.g. "1,234" */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %s more member",
                                                            "… and %s more members", more), count);

      gtk_grid_attach (GTK_GRID (grid), value_label (text, FALSE), 0, row, 2, 1);
    }
  return grid;
}

static GtkWidget *
payload_label (const char          *frame,
               const SockWampField *field)
{
  g_autoptr(GString) out = g_string_new (NULL);
  GtkWidget *label;

  sock_json_pretty_append (out, frame + field->element.offset, field->element.len, 0);
  if (out->len > MAX_PRETTY_CHARS)
    {
      g_string_truncate (out, MAX_PRETTY_CHARS);
      while (out->len > 0 && !g_utf8_validate (out->str, out->len, NULL))
        g_string_truncate (out, out->len - 1);
      g_string_append_printf (out, "\n%s", _("… (cut here: the Pretty page shows all of it)"));
    }
  label = value_label (out->str, TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, _(field->name), -1);
  return label;
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
type_line (const SockWampFields *fields)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *name = sock_wamp_message_type_name (fields->version, fields->type);
  g_autofree char *text = g_strdup_printf ("%s (%d) · WAMP v%d", name ? name : _("Unknown type"), fields->type,
                                           fields->version);

  gtk_box_append (GTK_BOX (box), heading (text));
  if (fields->progress)
    {
      GtkWidget *tag = gtk_label_new (_("Progressive result"));

      gtk_widget_add_css_class (tag, "progress-tag");
      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), tag);
    }
  if (fields->acknowledge)
    {
      GtkWidget *tag = gtk_label_new (_("Acknowledged"));

      gtk_widget_add_css_class (tag, "progress-tag");
      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), tag);
    }
  {
    GtkWidget *spacer = gtk_label_new (NULL);
    GtkWidget *compare = gtk_button_new_with_mnemonic (_("Compare with _Previous"));

    gtk_widget_set_hexpand (spacer, TRUE);
    gtk_widget_set_tooltip_text (compare, _("Compare with the previous message of this type on this topic"));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (compare), "detail.compare-previous");
    gtk_widget_add_css_class (compare, "flat");
    gtk_box_append (GTK_BOX (box), spacer);
    gtk_box_append (GTK_BOX (box), compare);
  }
  return box;
}

gboolean
_sock_message_detail_show_fields (SockMessageDetail  *self,
                                  const SockLogEntry *entry,
                                  const guint8       *raw,
                                  gsize               len)
{
  g_autofree char *json = NULL;
  const char *frame = (const char *) raw;
  SockWampFields fields;
  GtkGrid *grid;
  guint row = 0;

  clear_box (self->fields_box);
  if (entry == NULL || (entry->kind != SOCK_LOG_KIND_WAMP1 && entry->kind != SOCK_LOG_KIND_WAMP2))
    return FALSE;
  if ((entry->flags & SOCK_LOG_FLAG_SERIALIZED) != 0)
    {
      if ((json = sock_log_entry_dup_json (entry, raw, len, NULL)) == NULL)
        return FALSE;
      frame = json;
      len = strlen (json);
    }
  else if ((entry->flags & SOCK_LOG_FLAG_BINARY) != 0)
    return FALSE;
  if (!sock_wamp_fields_read (entry->kind == SOCK_LOG_KIND_WAMP1 ? SOCK_WAMP_V1 : SOCK_WAMP_V2, frame, len,
                              &fields, NULL))
    return FALSE;

  gtk_box_append (self->fields_box, type_line (&fields));
  if (fields.progress)
    {
      /* Translators: a message type, e.g. "RESULT · progressive" */
      g_autofree char *type = g_strdup_printf (_("%s · progressive"),
                                               sock_wamp_message_type_name (fields.version, fields.type));

      gtk_label_set_text (self->type_label, type);
    }
  grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (grid, 12);
  gtk_grid_set_row_spacing (grid, 4);
  gtk_box_append (self->fields_box, GTK_WIDGET (grid));

  /* ids, URIs and words first, in one table; then the dictionaries and payloads */
  for (guint i = 0; i < fields.n_fields; i++)
    {
      const SockWampField *field = &fields.fields[i];
      gboolean container = field->element.kind == SOCK_JSON_OBJECT || field->element.kind == SOCK_JSON_ARRAY;
      g_autofree char *value = NULL;

      if (field->role == SOCK_WAMP_FIELD_DICT || field->role == SOCK_WAMP_FIELD_PAYLOAD || container)
        continue;
      value = field->role == SOCK_WAMP_FIELD_REQUEST_TYPE ? request_type_text (frame, field, fields.version) :
                                                            scalar_text (frame, field);
      add_scalar (grid, &row, _(field->name), value,
                  field->role == SOCK_WAMP_FIELD_ID || field->role == SOCK_WAMP_FIELD_OTHER);
    }
  for (guint i = 0; i < fields.n_fields; i++)
    {
      const SockWampField *field = &fields.fields[i];
      gboolean container = field->element.kind == SOCK_JSON_OBJECT || field->element.kind == SOCK_JSON_ARRAY;

      if (field->role == SOCK_WAMP_FIELD_DICT)
        {
          gtk_box_append (self->fields_box, heading (_(field->name)));
          gtk_box_append (self->fields_box, dict_table (frame, field));
        }
      else if (field->role == SOCK_WAMP_FIELD_PAYLOAD || container)
        {
          gtk_box_append (self->fields_box, heading (_(field->name)));
          gtk_box_append (self->fields_box, payload_label (frame, field));
        }
    }
  return TRUE;
}

static char *
pair_text (const SockMessagePair *pair,
           const SockLogEntry    *entry)
{
  g_autofree char *after = sock_format_duration (pair->elapsed_us);
  g_autofree char *n = sock_format_count (pair->other_seq + 1);
  g_autofree char *progress = sock_format_count (pair->n_progress);

  switch (pair->role)
    {
    case SOCK_PAIR_ANSWERED:
      if (pair->n_progress > 0)
        /* TRANSLATORS: "message %s" is a message's number in the log, "1,234"; then a duration and a count */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Answered by message %s after %s, "
                                             "%s progressive result before",
                                             "Answered by message %s after %s, "
                                             "%s progressive results before", pair->n_progress),
                                n, after, progress);
      return g_strdup_printf (pair->error ? _("Answered with an error by message %s after %s") :
                                            _("Answered by message %s after %s"), n, after);
    case SOCK_PAIR_ANSWER:
      return g_strdup_printf (pair->error ? _("An error in answer to message %s, %s after it") :
                                            _("Answers message %s, %s after it"), n, after);
    case SOCK_PAIR_PROGRESS:
      return g_strdup_printf (_("Progressive result %s for message %s, %s after it"), progress, n, after);
    case SOCK_PAIR_PENDING:
      {
        g_autofree char *waiting = sock_format_duration (g_get_real_time () - entry->time_us);

        if (pair->n_progress > 0)
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No final answer yet after %s (%s progressive result)",
                                               "No final answer yet after %s (%s progressive results)",
                                               pair->n_progress), waiting, progress);
        return g_strdup_printf (_("No answer yet after %s"), waiting);
      }
    case SOCK_PAIR_UNMATCHED:
      return g_strdup (_("Answers a request that is not in the log"));
    case SOCK_PAIR_UNANSWERED:
      return g_strdup (_("Never answered: the session ended first, or too many requests were waiting"));
    case SOCK_PAIR_NONE:
    default:
      return NULL;
    }
}

void
_sock_message_detail_show_pair (SockMessageDetail  *self,
                                const SockLogEntry *entry)
{
  SockMessagePair pair;
  g_autofree char *text = NULL;
  g_autofree char *button = NULL;

  sock_message_pairs_lookup (sock_message_log_get_pairs (self->log), self->seq, entry, &pair);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.go-to-pair", pair.other_seq != G_MAXUINT64);
  text = pair_text (&pair, entry);
  gtk_widget_set_visible (self->pair_box, text != NULL);
  gtk_label_set_text (self->pair_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->pair_button), pair.other_seq != G_MAXUINT64);
  if (pair.other_seq == G_MAXUINT64)
    return;
  button = g_strdup_printf (pair.role == SOCK_PAIR_ANSWERED ? _("Go to the Answer") : _("Go to the Request"));
  gtk_button_set_label (self->pair_button, button);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->pair_button), text);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->pair_button), "t", pair.other_seq);
}

/* Ctrl+G in the Messages view: the same as the pair line's button. */
static void
go_to_pair_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SockMessageDetail *self = SOCK_MESSAGE_DETAIL (widget);
  SockMessagePair pair;
  SockLogEntry entry;

  if (self->log == NULL || !sock_message_log_peek (self->log, self->seq, &entry, NULL, NULL))
    return;
  sock_message_pairs_lookup (sock_message_log_get_pairs (self->log), self->seq, &entry, &pair);
  if (pair.other_seq != G_MAXUINT64)
    gtk_widget_activate_action (widget, "detail.go-to", "t", pair.other_seq);
}

void
_sock_message_detail_install_pair_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "detail.go-to-pair", NULL, go_to_pair_action);
}
