/* sock-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sock-preferences-window.h"

#define MIB (1024 * 1024)

struct _SockPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;

  /* template */
  GtkSpinButton *log_messages_spin;
  GtkSpinButton *log_megabytes_spin;
  GtkSpinButton *max_size_spin;
  GtkSpinButton *timeout_spin;
};

G_DEFINE_FINAL_TYPE (SockPreferencesWindow, sock_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The key holds bytes, the spin button shows whole MiB (rounded up, as the connect dialog). */
static gboolean
bytes_to_mib (GValue   *value,
              GVariant *variant,
              gpointer  user_data)
{
  guint32 bytes = g_variant_get_uint32 (variant);

  g_value_set_double (value, MAX (1, ((guint64) bytes + MIB - 1) / MIB));
  return TRUE;
}

static GVariant *
mib_to_bytes (const GValue       *value,
              const GVariantType *expected_type,
              gpointer            user_data)
{
  guint64 bytes = (guint64) g_value_get_double (value) * MIB;

  return g_variant_new_uint32 ((guint32) CLAMP (bytes, 1024, G_MAXUINT32));
}

/* A million is easier to read as "1,000,000" (in the user's locale). */
static gboolean
messages_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%'u", (guint) gtk_spin_button_get_value (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* Reads the digits back, whatever separators were typed or shown. */
static int
messages_input_cb (GtkSpinButton *spin,
                   double        *new_value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  double value = 0;
  gboolean any = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      {
        value = value * 10 + (*p - '0');
        any = TRUE;
      }
  if (!any)
    return GTK_INPUT_ERROR;
  *new_value = value;
  return TRUE;
}

static void
sock_preferences_window_dispose (GObject *object)
{
  SockPreferencesWindow *self = SOCK_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), SOCK_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (sock_preferences_window_parent_class)->dispose (object);
}

static void
sock_preferences_window_class_init (SockPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sock_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sockscope/Sockscope/sock-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SockPreferencesWindow, log_messages_spin);
  gtk_widget_class_bind_template_child (widget_class, SockPreferencesWindow, log_megabytes_spin);
  gtk_widget_class_bind_template_child (widget_class, SockPreferencesWindow, max_size_spin);
  gtk_widget_class_bind_template_child (widget_class, SockPreferencesWindow, timeout_spin);
  gtk_widget_class_bind_template_callback (widget_class, messages_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, messages_input_cb);
}

static void
sock_preferences_window_init (SockPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "log-max-messages", self->log_messages_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "log-max-megabytes", self->log_megabytes_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "max-message-size", self->max_size_spin, "value",
                                G_SETTINGS_BIND_DEFAULT, bytes_to_mib, mib_to_bytes, NULL, NULL);
  g_settings_bind (self->settings, "connect-timeout", self->timeout_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
}

SockPreferencesWindow *
sock_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (SOCK_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
}
