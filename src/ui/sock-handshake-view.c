/* sock-handshake-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-handshake-export.h"
#include "sock-handshake-view.h"
#include "sock-handshake-details.h"
#include "sock-timings-bar.h"

struct _SockHandshakeView
{
  AdwBin              parent_instance;

  GtkStack           *stack;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  GtkImage           *severity_image;
  GtkLabel           *title_label;
  GtkLabel           *explanation_label;
  GtkBox             *details_box;
  GtkWidget          *curl_button;
  GtkWidget          *websocat_button;
};

G_DEFINE_FINAL_TYPE (SockHandshakeView, sock_handshake_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ATTEMPTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
severity_icon (gpointer     unused,
               SockSeverity severity)
{
  return g_strdup (sock_handshake_details_severity_icon (severity));
}

static GStrv
severity_classes (gpointer     unused,
                  SockSeverity severity)
{
  const char *name = severity == SOCK_SEVERITY_OK ? "success"
                     : severity == SOCK_SEVERITY_WARNING ? "warning" : "error";
  char *classes[] = { (char *) name, NULL };

  return g_strdupv (classes);
}

static void
show_attempt (SockHandshakeView    *self,
              SockHandshakeAttempt *attempt)
{
  SockDiagnosis *diagnosis;
  SockSeverity severity;
  g_auto(GStrv) classes = NULL;
  g_autofree char *explanation = NULL;
  gboolean rawsocket;

  rawsocket = attempt != NULL &&
              sock_url_is_rawsocket (sock_handshake_get_url (sock_handshake_attempt_get_handshake (attempt)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "handshakes.copy-text", attempt != NULL);
  /* curl and websocat make an HTTP upgrade; a RawSocket attempt has none to repeat */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "handshakes.copy-curl", attempt != NULL && !rawsocket);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "handshakes.copy-websocat", attempt != NULL && !rawsocket);
  gtk_widget_set_tooltip_text (self->curl_button,
                               rawsocket ? _("curl cannot make a RawSocket handshake")
                                         : _("Copy a curl command that makes the same handshake; secrets become shell variables"));
  gtk_widget_set_tooltip_text (self->websocat_button,
                               rawsocket ? _("websocat cannot make a RawSocket handshake")
                                         : _("Copy a websocat command that makes the same handshake; secrets become shell variables"));
  if (attempt == NULL)
    {
      sock_handshake_details_clear (self->details_box);
      return;
    }

  diagnosis = sock_handshake_attempt_get_diagnosis (attempt);
  severity = sock_diagnosis_get_severity (diagnosis);
  classes = severity_classes (NULL, severity);
  gtk_image_set_from_icon_name (self->severity_image, sock_handshake_details_severity_icon (severity));
  gtk_widget_set_css_classes (GTK_WIDGET (self->severity_image), (const char **) classes);
  gtk_label_set_text (self->title_label, sock_diagnosis_get_title (diagnosis));
  explanation = sock_handshake_mask_text (sock_diagnosis_get_explanation (diagnosis) ?: "");
  gtk_label_set_text (self->explanation_label, explanation);
  sock_handshake_details_fill (self->details_box, NULL, NULL, attempt);
}

static void
on_selected_item_changed (SockHandshakeView *self)
{
  show_attempt (self, gtk_single_selection_get_selected_item (self->selection));
}

static void
on_items_changed (SockHandshakeView *self,
                  guint              position,
                  guint              removed,
                  guint              added,
                  GListModel        *model)
{
  guint n = g_list_model_get_n_items (model);

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  /* the newest attempt is the one a user opens the view for */
  if (added > 0 && position + added == n)
    gtk_single_selection_set_selected (self->selection, n - 1);
  else
    on_selected_item_changed (self);
}

static void
copy_text (GtkWidget  *widget,
           const char *text)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SockHandshakeView *self = SOCK_HANDSHAKE_VIEW (widget);
  SockHandshakeAttempt *attempt = sock_handshake_view_get_selected (self);
  g_autofree char *text = NULL;

  if (attempt == NULL)
    return;
  if (g_str_equal (action_name, "handshakes.copy-curl"))
    text = sock_handshake_export_curl (attempt);
  else if (g_str_equal (action_name, "handshakes.copy-websocat"))
    text = sock_handshake_export_websocat (attempt);
  else
    text = sock_handshake_export_text (attempt);
  copy_text (widget, text);
}

static void
sock_handshake_view_dispose (GObject *object)
{
  SockHandshakeView *self = SOCK_HANDSHAKE_VIEW (object);

  sock_handshake_view_set_attempts (self, NULL);

  G_OBJECT_CLASS (sock_handshake_view_parent_class)->dispose (object);
}

static void
sock_handshake_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SockHandshakeView *self = SOCK_HANDSHAKE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ATTEMPTS: g_value_set_object (value, sock_handshake_view_get_attempts (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_handshake_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SockHandshakeView *self = SOCK_HANDSHAKE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ATTEMPTS: sock_handshake_view_set_attempts (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_handshake_view_class_init (SockHandshakeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sock_handshake_view_dispose;
  object_class->get_property = sock_handshake_view_get_property;
  object_class->set_property = sock_handshake_view_set_property;

  properties[PROP_ATTEMPTS] = g_param_spec_object ("attempts", NULL, NULL, G_TYPE_LIST_MODEL,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                   G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SOCK_TYPE_HANDSHAKE_ATTEMPT);
  g_type_ensure (SOCK_TYPE_TIMINGS_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sockscope/Sockscope/sock-handshake-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SockHandshakeView, stack);
  gtk_widget_class_bind_template_child (widget_class, SockHandshakeView, list_view);
  gtk_widget_class_bind_template_child (widget_class, SockHandshakeView, selection);
  gtk_widget_class_bind_template_child (widget_class, SockHandshakeView, severity_image);
  gtk_widget_class_bind_template_child (widget_class, SockHandshakeView, title_label);
  gtk_widget_class_bind_template_child (widget_class, SockHandshakeView, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, SockHandshakeView, details_box);
  gtk_widget_class_bind_template_child (widget_class, SockHandshakeView, curl_button);
  gtk_widget_class_bind_template_child (widget_class, SockHandshakeView, websocat_button);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_item_changed);

  gtk_widget_class_install_action (widget_class, "handshakes.copy-text", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "handshakes.copy-curl", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "handshakes.copy-websocat", NULL, copy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "handshakes.copy-text", NULL);
}

static void
sock_handshake_view_init (SockHandshakeView *self)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "severity_icon", G_CALLBACK (severity_icon),
                                           "severity_classes", G_CALLBACK (severity_classes),
                                           NULL);
  factory = gtk_builder_list_item_factory_new_from_resource (scope,
                                                             "/io/github/sockscope/Sockscope/sock-handshake-row.ui");
  gtk_list_view_set_factory (self->list_view, factory);
  show_attempt (self, NULL);
}

GtkWidget *
sock_handshake_view_new (void)
{
  return g_object_new (SOCK_TYPE_HANDSHAKE_VIEW, NULL);
}

GListModel *
sock_handshake_view_get_attempts (SockHandshakeView *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE_VIEW (self), NULL);
  return gtk_single_selection_get_model (self->selection);
}

void
sock_handshake_view_set_attempts (SockHandshakeView *self,
                                  GListModel        *attempts)
{
  GListModel *old;

  g_return_if_fail (SOCK_IS_HANDSHAKE_VIEW (self));
  g_return_if_fail (attempts == NULL || G_IS_LIST_MODEL (attempts));

  if (self->selection == NULL)
    return;
  old = gtk_single_selection_get_model (self->selection);
  if (old == attempts)
    return;
  if (old != NULL)
    g_signal_handlers_disconnect_by_func (old, on_items_changed, self);
  gtk_single_selection_set_model (self->selection, attempts);
  if (attempts != NULL)
    {
      guint n = g_list_model_get_n_items (attempts);

      g_signal_connect_object (attempts, "items-changed", G_CALLBACK (on_items_changed), self,
                               G_CONNECT_SWAPPED);
      gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
      if (n > 0)
        gtk_single_selection_set_selected (self->selection, n - 1);
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");
  on_selected_item_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTEMPTS]);
}

SockHandshakeAttempt *
sock_handshake_view_get_selected (SockHandshakeView *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE_VIEW (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

void
sock_handshake_view_select (SockHandshakeView *self,
                            guint              position)
{
  g_return_if_fail (SOCK_IS_HANDSHAKE_VIEW (self));
  gtk_single_selection_set_selected (self->selection, position);
}

/* The view in a window of its own beside the tab's window; Escape closes it. */
GtkWidget *
sock_handshake_view_present_window (GtkWidget  *parent,
                                    GListModel *attempts,
                                    const char *url)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title = adw_window_title_new (_("Handshakes"), url);
  GtkWidget *view = sock_handshake_view_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();
  GtkRoot *root = parent ? gtk_widget_get_root (parent) : NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (attempts), NULL);

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (view, TRUE);
  gtk_box_append (GTK_BOX (box), view);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), _("Handshakes"));
  gtk_window_set_default_size (GTK_WINDOW (window), 980, 680);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, keys);
  sock_handshake_view_set_attempts (SOCK_HANDSHAKE_VIEW (view), attempts);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}
