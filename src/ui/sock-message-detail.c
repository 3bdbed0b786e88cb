/* sock-message-detail.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>
#include <string.h>

#include "sock-json-pretty.h"
#include "sock-message-detail-private.h"
#include "sock-message-format.h"
#include "sock-number-format.h"

G_DEFINE_FINAL_TYPE (SockMessageDetail, sock_message_detail, GTK_TYPE_WIDGET)

enum
{
  SHOW_MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_text (GtkSourceView *view,
          const char    *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

static void
show_payload (SockMessageDetail  *self,
              const SockLogEntry *e,
              const guint8       *raw,
              gsize               len)
{
  GtkSourceBuffer *pretty = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->pretty_view)));
  g_autofree char *serialized = sock_log_entry_dup_json (e, raw, len, NULL);
  gboolean binary = (e->flags & SOCK_LOG_FLAG_BINARY) != 0 ||
                    !g_utf8_validate ((const char *) raw, len, NULL);
  g_autofree char *hex = NULL;
  g_autofree char *json = NULL;

  if (serialized != NULL)
    {
      /* MessagePack or CBOR: the JSON form to read, the bytes as they were on the wire as hex */
      hex = sock_message_format_hex_dump (raw, len);
      json = sock_json_pretty (serialized, strlen (serialized));
      gtk_stack_page_set_visible (self->hex_page, TRUE);
      gtk_stack_page_set_visible (self->pretty_page, TRUE);
      gtk_stack_page_set_visible (self->raw_page, TRUE);
      set_text (self->hex_view, hex);
      gtk_source_buffer_set_language (pretty,
        gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (), "json"));
      set_text (self->pretty_view, json != NULL ? json : serialized);
      set_text (self->raw_view, serialized);
      if (!gtk_stack_page_get_visible (gtk_stack_get_page (self->stack,
                                                           gtk_stack_get_visible_child (self->stack))))
        gtk_stack_set_visible_child_name (self->stack, "pretty");
      return;
    }

  gtk_stack_page_set_visible (self->hex_page, binary);
  gtk_stack_page_set_visible (self->pretty_page, !binary);
  gtk_stack_page_set_visible (self->raw_page, !binary);
  if (binary)
    {
      hex = sock_message_format_hex_dump (raw, len);
      set_text (self->hex_view, hex);
      set_text (self->pretty_view, "");
      set_text (self->raw_view, "");
      gtk_stack_set_visible_child_name (self->stack, "hex");
      return;
    }

  set_text (self->hex_view, "");
  json = sock_json_pretty ((const char *) raw, len);
  gtk_source_buffer_set_language (pretty, json != NULL ?
    gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (), "json") :
    NULL);
  if (json != NULL)
    set_text (self->pretty_view, json);
  else
    gtk_text_buffer_set_text (GTK_TEXT_BUFFER (pretty), (const char *) raw, len);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->raw_view)),
                            (const char *) raw, len);
  if (!gtk_stack_page_get_visible (gtk_stack_get_page (self->stack,
                                                       gtk_stack_get_visible_child (self->stack))))
    gtk_stack_set_visible_child_name (self->stack, "pretty");
}

/* A WAMP message opens on its named fields, unless the user chose to read the frame's text. */
static void
show_wamp (SockMessageDetail  *self,
           const SockLogEntry *e,
           const guint8       *raw,
           gsize               len)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean named = _sock_message_detail_show_fields (self, e, raw, len);

  gtk_stack_page_set_visible (self->fields_page, named);
  gtk_stack_page_set_visible (self->compare_page, FALSE);
  if (named && (page == NULL || (!g_str_equal (page, "raw") && !g_str_equal (page, "pretty"))))
    gtk_stack_set_visible_child_name (self->stack, "fields");
  else if (!named && g_strcmp0 (page, "fields") == 0)
    gtk_stack_set_visible_child_name (self->stack, "pretty");
}

static void
show_fields (SockMessageDetail  *self,
             SockMessageLog     *log,
             const SockLogEntry *e,
             gsize               len)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (e->time_us / G_USEC_PER_SEC);
  g_autofree char *date = dt != NULL ? g_date_time_format (dt, "%Y-%m-%d %H:%M:%S") : g_strdup ("");
  g_autofree char *time = g_strdup_printf ("%s.%03d", date,
                                           (int) (e->time_us % G_USEC_PER_SEC / 1000));
  g_autofree char *number = sock_format_count (self->seq + 1);
  /* TRANSLATORS: %s is the message's number in the log, e.g. "1,234" */
  g_autofree char *title = g_strdup_printf (_("Message %s"), number);
  g_autofree char *req = e->request_id != 0 ?
    g_strdup_printf ("%" G_GUINT64_FORMAT, e->request_id) : g_strdup ("—");
  const char *uri = sock_message_log_get_uri (log, e->uri);
  guint64 size = e->size != 0 ? e->size : len;
  char size_text[32];
  g_autofree char *size_full = NULL;

  sock_message_format_size (size, size_text, sizeof size_text);
  if (size >= 1024)
    {
      g_autofree char *bytes = sock_format_count (size);

      /* TRANSLATORS: a size and its bytes, "1.5 KiB (1,536 bytes)" */
      size_full = g_strdup_printf (_("%s (%s bytes)"), size_text, bytes);
    }
  else
    size_full = g_strdup (size_text);
  if (e->flags & SOCK_LOG_FLAG_TRUNCATED)
    {
      g_autofree char *kept = sock_format_count (len);
      /* TRANSLATORS: a frame's size, then the bytes of it kept in the log, "2.0 MiB (…), 65,536 kept" */
      g_autofree char *cut = g_strdup_printf (_("%s, %s kept"), size_full, kept);

      g_free (size_full);
      size_full = g_steal_pointer (&cut);
    }

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->time_label, time);
  gtk_label_set_text (self->direction_label, sock_message_format_direction (e->direction));
  gtk_label_set_text (self->type_label, sock_message_format_type_name (e->kind, e->type));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->type_label), NULL);
  gtk_label_set_text (self->uri_label, uri != NULL ? uri : "—");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->uri_label), uri);
  gtk_label_set_text (self->request_label, req);
  gtk_label_set_text (self->size_label, size_full);
}

gboolean
sock_message_detail_show (SockMessageDetail *self,
                          SockMessageLog    *log,
                          guint64            seq)
{
  SockLogEntry e;
  const guint8 *raw = NULL;
  gsize len = 0;

  g_return_val_if_fail (SOCK_IS_MESSAGE_DETAIL (self), FALSE);
  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (log), FALSE);

  if (!sock_message_log_peek (log, seq, &e, &raw, &len))
    {
      sock_message_detail_clear (self);
      return FALSE;
    }
  self->seq = seq;
  g_set_object (&self->log, log);
  g_clear_pointer (&self->payload, g_bytes_unref);
  g_clear_pointer (&self->json_line, g_free);
  {
    /* MessagePack or CBOR: Copy gives its JSON form */
    char *json = sock_log_entry_dup_json (&e, raw, len, NULL);

    self->payload = json != NULL ? g_bytes_new_take (json, strlen (json)) : g_bytes_new (raw, len);
  }
  self->json_line = sock_message_log_format_line (log, seq);
  show_fields (self, log, &e, len);
  show_payload (self, &e, raw, len);
  show_wamp (self, &e, raw, len);
  _sock_message_detail_show_pair (self, &e);
  _sock_message_detail_update_compare_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.copy", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.copy-json-line", TRUE);
  return TRUE;
}

void
sock_message_detail_clear (SockMessageDetail *self)
{
  g_return_if_fail (SOCK_IS_MESSAGE_DETAIL (self));

  self->seq = G_MAXUINT64;
  g_clear_pointer (&self->payload, g_bytes_unref);
  g_clear_pointer (&self->json_line, g_free);
  _sock_message_detail_show_fields (self, NULL, NULL, 0);
  gtk_widget_set_visible (self->pair_box, FALSE);
  gtk_stack_page_set_visible (self->compare_page, FALSE);
  set_text (self->pretty_view, "");
  set_text (self->raw_view, "");
  set_text (self->hex_view, "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.copy", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.copy-json-line", FALSE);
  _sock_message_detail_update_compare_actions (self);
}

guint64
sock_message_detail_get_marked_seq (SockMessageDetail *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_DETAIL (self), G_MAXUINT64);
  return self->marked_seq;
}

static void
go_to_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[SHOW_MESSAGE], 0, g_variant_get_uint64 (parameter));
}

guint64
sock_message_detail_get_seq (SockMessageDetail *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_DETAIL (self), G_MAXUINT64);
  return self->seq;
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SockMessageDetail *self = SOCK_MESSAGE_DETAIL (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  if (g_str_equal (action_name, "detail.copy-json-line"))
    {
      if (self->json_line != NULL)
        gdk_clipboard_set_text (clipboard, self->json_line);
    }
  else if (self->payload != NULL)
    {
      gsize len;
      const char *data = g_bytes_get_data (self->payload, &len);
      g_autofree char *text = g_utf8_make_valid (data != NULL ? data : "", len);

      /* Binary frames go to the clipboard as their hex dump: text is what a paste expects. */
      if (!g_utf8_validate (data != NULL ? data : "", len, NULL) || memchr (data, 0, len) != NULL)
        {
          g_free (text);
          text = sock_message_format_hex_dump ((const guint8 *) data, len);
        }
      gdk_clipboard_set_text (clipboard, text);
    }
}

static void
update_style_scheme (SockMessageDetail *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleScheme *scheme =
    gtk_source_style_scheme_manager_get_scheme (gtk_source_style_scheme_manager_get_default (),
                                                dark ? "Adwaita-dark" : "Adwaita");
  GtkSourceView *views[] = { self->pretty_view, self->raw_view, self->hex_view };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (views[i]))),
                                        scheme);
}

static void
sock_message_detail_dispose (GObject *object)
{
  SockMessageDetail *self = SOCK_MESSAGE_DETAIL (object);

  g_clear_pointer (&self->payload, g_bytes_unref);
  g_clear_pointer (&self->json_line, g_free);
  g_clear_object (&self->log);
  gtk_widget_dispose_template (GTK_WIDGET (self), SOCK_TYPE_MESSAGE_DETAIL);
  G_OBJECT_CLASS (sock_message_detail_parent_class)->dispose (object);
}

static void
sock_message_detail_class_init (SockMessageDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sock_message_detail_dispose;

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (SOCK_TYPE_MESSAGE_DIFF);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sockscope/Sockscope/sock-message-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, SockMessageDetail, box);
  gtk_widget_class_bind_template_child (widget_class, SockMessageDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, SockMessageDetail, time_label);
  gtk_widget_class_bind_template_child (widget_class, SockMessageDetail, direction_label);
  gtk_widget_class_bind_template_child (widget_class, SockMessageDetail, type_label);
  gtk_widget_class_bind_template_child (widget_class, SockMessageDetail, uri_label);
  gtk_widget_class_bind_template_child (widget_class, SockMessageDetail, request_label);
  gtk_widget_class_bind_template_child (widget_class, SockMessageDetail, size_label);
  gtk_widget_class_bind_template_child (widget_class, SockMessageDetail, pair_box);
  gtk_widget_class_bind_template_child (widget_class, SockMessageDetail, pair_label);
  gtk_widget_class_bind_template_child (widget_class, SockMessageDetail, pair_button);
  gtk_widget_class_bind_template_child (widget_class, SockMessageDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, SockMessageDetail, fields_page);
  gtk_widget_class_bind_template_child (widget_class, SockMessageDetail, compare_page);
  gtk_widget_class_bind_template_child (widget_class, SockMessageDetail, fields_box);
  gtk_widget_class_bind_template_child (widget_class, SockMessageDetail, diff_view);
  gtk_widget_class_bind_template_child (widget_class, SockMessageDetail, pretty_page);
  gtk_widget_class_bind_template_child (widget_class, SockMessageDetail, raw_page);
  gtk_widget_class_bind_template_child (widget_class, SockMessageDetail, hex_page);
  gtk_widget_class_bind_template_child (widget_class, SockMessageDetail, pretty_view);
  gtk_widget_class_bind_template_child (widget_class, SockMessageDetail, raw_view);
  gtk_widget_class_bind_template_child (widget_class, SockMessageDetail, hex_view);

  gtk_widget_class_install_action (widget_class, "detail.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "detail.copy-json-line", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "detail.go-to", "t", go_to_action);
  _sock_message_detail_install_compare_actions (widget_class);
  _sock_message_detail_install_pair_actions (widget_class);

  signals[SHOW_MESSAGE] = g_signal_new ("show-message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT64);
}

static void
sock_message_detail_init (SockMessageDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->seq = G_MAXUINT64;
  self->marked_seq = G_MAXUINT64;
  update_style_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.copy", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.copy-json-line", FALSE);
  _sock_message_detail_update_compare_actions (self);
}

GtkWidget *
sock_message_detail_new (void)
{
  return g_object_new (SOCK_TYPE_MESSAGE_DETAIL, NULL);
}
