/* sock-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-number-format.h"
#include "sock-preferences-window.h"

#define MIB (1024 * 1024)

struct _SockPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;

  /* template */
  GtkSwitch     *restore_switch;
  GtkSwitch     *confirm_switch;
  GtkSpinButton *log_messages_spin;
  GtkSpinButton *log_megabytes_spin;
  AdwComboRow   *timestamp_row;
  AdwComboRow   *style_row;
  GtkSwitch     *grouping_switch;
  GtkSpinButton *max_size_spin;
  GtkSpinButton *timeout_spin;
  GtkSpinButton *keepalive_spin;
  GtkSpinButton *pong_spin;
  GtkSwitch     *reconnect_switch;
};

G_DEFINE_FINAL_TYPE (SockPreferencesWindow, sock_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char * const timestamp_choices[] = { "local", "utc", "relative", NULL };
static const char * const style_choices[] = { "default", "light", "dark", NULL };

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

/* A string key with a few choices, shown as the position in a combo row. */
static gboolean
choice_to_position (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char * const *choices = user_data;
  const char *choice = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    if (g_str_equal (choices[i], choice))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
position_to_choice (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  const char * const *choices = user_data;
  guint position = g_value_get_uint (value);

  if (position >= g_strv_length ((char **) choices))
    return NULL;
  return g_variant_new_string (choices[position]);
}

/* A million is easier to read as "1,000,000" (in the user's locale, unless digits are not grouped). */
static gboolean
messages_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = sock_format_count ((guint64) gtk_spin_button_get_value (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static AdwActionRow *
row_of (GtkSpinButton *spin)
{
  return ADW_ACTION_ROW (gtk_widget_get_ancestor (GTK_WIDGET (spin), ADW_TYPE_ACTION_ROW));
}

/* Puts the row's own subtitle back, or shows the problem in its place. */
static void
show_problem (GtkSpinButton *spin,
              const char    *problem)
{
  AdwActionRow *row = row_of (spin);
  const char *usual = g_object_get_data (G_OBJECT (row), "sock-subtitle");

  if (usual == NULL)
    {
      g_object_set_data_full (G_OBJECT (row), "sock-subtitle", g_strdup (adw_action_row_get_subtitle (row)), g_free);
      usual = g_object_get_data (G_OBJECT (row), "sock-subtitle");
    }
  adw_action_row_set_subtitle (row, problem != NULL ? problem : usual);
  if (problem != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (spin), "error");
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (spin), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  problem != NULL ? problem : usual, -1);
}

/* Reads the digits back, whatever separators were typed or shown; a value out of range is
 * brought into it, and the row says so instead of changing it silently. */
static int
spin_input_cb (GtkSpinButton *spin,
               double        *new_value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
  double lower = gtk_adjustment_get_lower (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);
  double value = 0;
  gboolean any = FALSE;

  gboolean negative = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      {
        value = MIN (value * 10 + (*p - '0'), 1e15);
        any = TRUE;
      }
    else if (*p == '-' && !any)
      negative = TRUE;
  if (negative)
    value = -value;

  if (!any)
    {
      show_problem (spin, _("Enter a number"));
      return GTK_INPUT_ERROR;
    }
  if (value < lower || value > upper)
    {
      g_autofree char *low = sock_format_count ((guint64) lower);
      g_autofree char *high = sock_format_count ((guint64) upper);
      g_autofree char *kept = sock_format_count ((guint64) CLAMP (value, lower, upper));
      g_autofree char *problem = NULL;

      /* TRANSLATORS: "Out of range: from 1 to 600. Set to 600." */
      problem = g_strdup_printf (_("Out of range: from %s to %s. Set to %s."), low, high, kept);

      show_problem (spin, problem);
    }
  else
    show_problem (spin, NULL);
  *new_value = CLAMP (value, lower, upper);
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
  gtk_widget_class_bind_template_child (widget_class, SockPreferencesWindow, restore_switch);
  gtk_widget_class_bind_template_child (widget_class, SockPreferencesWindow, confirm_switch);
  gtk_widget_class_bind_template_child (widget_class, SockPreferencesWindow, log_messages_spin);
  gtk_widget_class_bind_template_child (widget_class, SockPreferencesWindow, log_megabytes_spin);
  gtk_widget_class_bind_template_child (widget_class, SockPreferencesWindow, timestamp_row);
  gtk_widget_class_bind_template_child (widget_class, SockPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, SockPreferencesWindow, grouping_switch);
  gtk_widget_class_bind_template_child (widget_class, SockPreferencesWindow, max_size_spin);
  gtk_widget_class_bind_template_child (widget_class, SockPreferencesWindow, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, SockPreferencesWindow, keepalive_spin);
  gtk_widget_class_bind_template_child (widget_class, SockPreferencesWindow, pong_spin);
  gtk_widget_class_bind_template_child (widget_class, SockPreferencesWindow, reconnect_switch);
  gtk_widget_class_bind_template_callback (widget_class, messages_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, spin_input_cb);
}

static void
bind_uint (SockPreferencesWindow *self,
           const char            *key,
           GtkSpinButton         *spin)
{
  g_settings_bind (self->settings, key, spin, "value", G_SETTINGS_BIND_DEFAULT);
}

static void
sock_preferences_window_init (SockPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "restore-workspace", self->restore_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "confirm-close-unexported", self->confirm_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  bind_uint (self, "log-max-messages", self->log_messages_spin);
  bind_uint (self, "log-max-megabytes", self->log_megabytes_spin);
  g_settings_bind_with_mapping (self->settings, "timestamp-format", self->timestamp_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, choice_to_position, position_to_choice,
                                (gpointer) timestamp_choices, NULL);
  g_settings_bind_with_mapping (self->settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, choice_to_position, position_to_choice,
                                (gpointer) style_choices, NULL);
  g_settings_bind (self->settings, "digit-grouping", self->grouping_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "max-message-size", self->max_size_spin, "value",
                                G_SETTINGS_BIND_DEFAULT, bytes_to_mib, mib_to_bytes, NULL, NULL);
  bind_uint (self, "connect-timeout", self->timeout_spin);
  bind_uint (self, "keepalive-interval", self->keepalive_spin);
  bind_uint (self, "pong-timeout", self->pong_spin);
  g_settings_bind (self->settings, "reconnect", self->reconnect_switch, "active", G_SETTINGS_BIND_DEFAULT);
  /* the messages count follows the digit grouping at once */
  g_signal_connect_object (self->settings, "changed::digit-grouping", G_CALLBACK (messages_output_cb),
                           self->log_messages_spin, G_CONNECT_SWAPPED);
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
