/* sock-json-field.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>
#include <string.h>

#include "sock-json-field.h"
#include "sock-json-input.h"
#include "sock-json-pretty.h"

/* Long enough not to flag every half-typed bracket, short enough to feel immediate. */
#define VALIDATE_DELAY_MS 200
/* The editor grows with its text up to MAX_GROW; dragging its grip sets the height between
 * MIN_HEIGHT and MAX_HEIGHT. Beyond, the text scrolls inside. */
#define MIN_HEIGHT 48
#define MAX_GROW   400
#define MAX_HEIGHT 1200

struct _SockJsonField
{
  GtkWidget          parent_instance;

  SockJsonFieldKind  kind;
  char              *title;
  char              *problem;
  gboolean           valid;
  guint              validate_id;

  GtkLabel          *title_label;
  GtkWidget         *format_button;
  GtkWidget         *frame;
  GtkScrolledWindow *scrolled;
  int                drag_start_height;
  GtkSourceView     *view;
  GtkLabel          *problem_label;
};

G_DEFINE_FINAL_TYPE (SockJsonField, sock_json_field, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_VALID,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The text when it is valid; NULL and no problem: empty. */
static char *
check (SockJsonField  *self,
       char          **problem)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  *problem = NULL;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (*g_strstrip (text) == '\0')
    return NULL;
  /* Strict: one value of the right kind and nothing after it, binary strings ("\u0000" and
   * base64) whole, or the form says why. The text is sent as it is. */
  if (!sock_json_input_check (text, -1, self->kind == SOCK_JSON_FIELD_ARRAY ? SOCK_JSON_INPUT_ARRAY
                                                                            : SOCK_JSON_INPUT_OBJECT,
                              SOCK_WAMP_SERIALIZER_JSON, self->title ? self->title : "", &error))
    {
      *problem = g_strdup (error->message);
      return NULL;
    }
  return g_steal_pointer (&text);
}

/* NULL root and no problem: empty. */
static JsonNode *
parse (SockJsonField  *self,
       char          **problem)
{
  g_autofree char *text = check (self, problem);

  return text != NULL ? json_from_string (text, NULL) : NULL;
}

static void
set_problem (SockJsonField *self,
             char          *problem)
{
  gboolean valid = problem == NULL;
  const char *shown = problem;

  /* the problem's line is always there, so that the fields below never move (a long problem
   * takes a second line, then is cut: it is whole in the tooltip); the title stands above the editor already: "Arguments: unexpected …" shows as "unexpected …" */
  if (shown != NULL && self->title != NULL && g_str_has_prefix (shown, self->title)
      && g_str_has_prefix (shown + strlen (self->title), ": "))
    shown += strlen (self->title) + 2;
  gtk_label_set_label (self->problem_label, shown ? shown : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->problem_label), problem);
  if (valid)
    gtk_widget_remove_css_class (self->frame, "error");
  else
    gtk_widget_add_css_class (self->frame, "error");

  if (g_strcmp0 (self->problem, problem) != 0)
    {
      g_free (self->problem);
      self->problem = problem;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
    }
  else
    g_free (problem);
  if (self->valid != valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

gboolean
sock_json_field_validate (SockJsonField *self)
{
  g_autofree char *text = NULL;
  char *problem;

  g_return_val_if_fail (SOCK_IS_JSON_FIELD (self), FALSE);

  g_clear_handle_id (&self->validate_id, g_source_remove);
  text = check (self, &problem);
  set_problem (self, problem);
  return self->valid;
}

static gboolean
validate_cb (gpointer data)
{
  SockJsonField *self = data;

  self->validate_id = 0;
  sock_json_field_validate (self);
  return G_SOURCE_REMOVE;
}

static void
on_changed (SockJsonField *self)
{
  g_clear_handle_id (&self->validate_id, g_source_remove);
  self->validate_id = g_timeout_add (VALIDATE_DELAY_MS, validate_cb, self);
}

static void
update_style_scheme (SockJsonField *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleScheme *scheme =
    gtk_source_style_scheme_manager_get_scheme (gtk_source_style_scheme_manager_get_default (),
                                                dark ? "Adwaita-dark" : "Adwaita");

  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view))),
                                      scheme);
}

const char *
sock_json_field_get_title (SockJsonField *self)
{
  g_return_val_if_fail (SOCK_IS_JSON_FIELD (self), NULL);

  return self->title;
}

gboolean
sock_json_field_get_valid (SockJsonField *self)
{
  g_return_val_if_fail (SOCK_IS_JSON_FIELD (self), FALSE);

  return self->valid;
}

const char *
sock_json_field_get_problem (SockJsonField *self)
{
  g_return_val_if_fail (SOCK_IS_JSON_FIELD (self), NULL);

  return self->problem;
}

char *
sock_json_field_dup_text (SockJsonField *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (SOCK_IS_JSON_FIELD (self), NULL);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
sock_json_field_set_text (SockJsonField *self,
                          const char    *text)
{
  g_return_if_fail (SOCK_IS_JSON_FIELD (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)), text ? text : "", -1);
}

char *
sock_json_field_dup_value (SockJsonField *self)
{
  g_autofree char *problem = NULL;

  g_return_val_if_fail (SOCK_IS_JSON_FIELD (self), NULL);

  return check (self, &problem);
}

JsonArray *
sock_json_field_dup_array (SockJsonField *self)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *problem = NULL;

  g_return_val_if_fail (SOCK_IS_JSON_FIELD (self), NULL);
  g_return_val_if_fail (self->kind == SOCK_JSON_FIELD_ARRAY, NULL);

  root = parse (self, &problem);
  return root ? json_array_ref (json_node_get_array (root)) : NULL;
}

JsonObject *
sock_json_field_dup_object (SockJsonField *self)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *problem = NULL;

  g_return_val_if_fail (SOCK_IS_JSON_FIELD (self), NULL);
  g_return_val_if_fail (self->kind == SOCK_JSON_FIELD_OBJECT, NULL);

  root = parse (self, &problem);
  return root ? json_object_ref (json_node_get_object (root)) : NULL;
}

gboolean
sock_json_field_format (SockJsonField *self)
{
  g_autofree char *text = NULL;
  g_autofree char *pretty = NULL;

  g_return_val_if_fail (SOCK_IS_JSON_FIELD (self), FALSE);

  if (!sock_json_field_validate (self))
    return FALSE;
  text = sock_json_field_dup_text (self);
  if (*g_strstrip (text) == '\0')
    return TRUE;
  /* the one pretty-printer of the app: numbers and strings stay as they were typed */
  pretty = sock_json_pretty (text, strlen (text));
  if (pretty != NULL && g_strcmp0 (pretty, text) != 0)
    sock_json_field_set_text (self, pretty);
  return pretty != NULL;
}

static void
on_format_clicked (SockJsonField *self)
{
  sock_json_field_format (self);
}

static void
on_grip_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               SockJsonField  *self)
{
  self->drag_start_height = gtk_widget_get_height (GTK_WIDGET (self->scrolled));
}

static void
on_grip_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                SockJsonField  *self)
{
  int height = CLAMP (self->drag_start_height + (int) dy, MIN_HEIGHT, MAX_HEIGHT);

  /* a dragged height holds whatever the text: min and max both (widened first, so that min
   * never passes max on the way) */
  gtk_scrolled_window_set_max_content_height (self->scrolled, MAX_HEIGHT);
  gtk_scrolled_window_set_min_content_height (self->scrolled, height);
  gtk_scrolled_window_set_max_content_height (self->scrolled, height);
}

static GtkWidget *
new_grip (SockJsonField *self)
{
  GtkWidget *grip = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  GtkGesture *drag = gtk_gesture_drag_new ();

  gtk_widget_set_halign (grip, GTK_ALIGN_CENTER);
  gtk_widget_set_cursor_from_name (grip, "ns-resize");
  gtk_widget_set_tooltip_text (grip, _("Drag to resize the editor"));
  gtk_widget_add_css_class (grip, "dim-label");
  gtk_widget_add_css_class (grip, "json-field-grip");
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_grip_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_grip_update), self);
  gtk_widget_add_controller (grip, GTK_EVENT_CONTROLLER (drag));
  return grip;
}

static void
build (SockJsonField *self)
{
  GtkSourceLanguage *json =
    gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (), "json");
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->title_label), GTK_ALIGN_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "caption-heading");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->title_label));
  self->format_button = gtk_button_new_with_mnemonic (_("_Format"));
  gtk_widget_set_tooltip_text (self->format_button, _("Indent the JSON, keeping every value as written"));
  gtk_widget_add_css_class (self->format_button, "flat");
  gtk_widget_add_css_class (self->format_button, "caption");
  gtk_widget_add_css_class (self->format_button, "json-field-format");
  g_signal_connect_object (self->format_button, "clicked", G_CALLBACK (on_format_clicked), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (header), self->format_button);
  gtk_widget_set_parent (header, GTK_WIDGET (self));

  self->view = GTK_SOURCE_VIEW (gtk_source_view_new ());
  gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view))), json);
  gtk_source_view_set_auto_indent (self->view, TRUE);
  gtk_source_view_set_insert_spaces_instead_of_tabs (self->view, TRUE);
  gtk_source_view_set_tab_width (self->view, 2);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (self->view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->view), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "json-editor");

  /* Two lines at rest, growing with the text (the side bar scrolls) up to a point. */
  self->scrolled = GTK_SCROLLED_WINDOW (scrolled);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), MIN_HEIGHT);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), MAX_GROW);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->view));
  self->frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (self->frame), scrolled);
  gtk_widget_add_css_class (self->frame, "json-field");
  gtk_widget_set_parent (self->frame, GTK_WIDGET (self));

  self->problem_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->problem_label, 0);
  /* at most two lines, cut after: the whole problem is in the tooltip */
  gtk_label_set_wrap (self->problem_label, TRUE);
  gtk_label_set_wrap_mode (self->problem_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (self->problem_label, 2);
  gtk_label_set_ellipsize (self->problem_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->problem_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "error");
  gtk_box_append (GTK_BOX (footer), GTK_WIDGET (self->problem_label));
  gtk_box_append (GTK_BOX (footer), new_grip (self));
  gtk_widget_set_parent (footer, GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)), "changed",
                           G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
  update_style_scheme (self);
}

GtkWidget *
sock_json_field_new (SockJsonFieldKind  kind,
                     const char        *title)
{
  return g_object_new (SOCK_TYPE_JSON_FIELD, "kind", kind, "title", title, NULL);
}

static void
sock_json_field_dispose (GObject *object)
{
  SockJsonField *self = SOCK_JSON_FIELD (object);
  GtkWidget *child;

  g_clear_handle_id (&self->validate_id, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sock_json_field_parent_class)->dispose (object);
}

static void
sock_json_field_finalize (GObject *object)
{
  SockJsonField *self = SOCK_JSON_FIELD (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (sock_json_field_parent_class)->finalize (object);
}

static void
sock_json_field_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SockJsonField *self = SOCK_JSON_FIELD (object);

  switch (prop_id)
    {
    case PROP_KIND: g_value_set_int (value, self->kind); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_VALID: g_value_set_boolean (value, self->valid); break;
    case PROP_PROBLEM: g_value_set_string (value, self->problem); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_json_field_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SockJsonField *self = SOCK_JSON_FIELD (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;
    case PROP_TITLE:
      if (g_strcmp0 (self->title, g_value_get_string (value)) == 0)
        break;
      g_free (self->title);
      self->title = g_value_dup_string (value);
      gtk_label_set_label (self->title_label, self->title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      self->title, -1);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_json_field_class_init (SockJsonFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sock_json_field_dispose;
  object_class->finalize = sock_json_field_finalize;
  object_class->get_property = sock_json_field_get_property;
  object_class->set_property = sock_json_field_set_property;

  properties[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, SOCK_JSON_FIELD_ARRAY, SOCK_JSON_FIELD_OBJECT,
                                            SOCK_JSON_FIELD_ARRAY,
                                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READWRITE | flags);
  properties[PROP_VALID] = g_param_spec_boolean ("valid", NULL, NULL, TRUE, G_PARAM_READABLE | flags);
  properties[PROP_PROBLEM] = g_param_spec_string ("problem", NULL, NULL, NULL, G_PARAM_READABLE | flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "jsonfield");
}

static void
sock_json_field_init (SockJsonField *self)
{
  self->valid = TRUE;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 4);
  build (self);
}
