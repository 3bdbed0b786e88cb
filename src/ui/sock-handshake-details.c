/* sock-handshake-details.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The groups that describe one handshake, for the Handshakes view, the start page's Test
 * Handshake and a tab's failure page alike: what to try, what was seen, the attempt, the timings,
 * the request and response as header tables, and the TLS certificate chain. Texts from the network
 * go into labels as plain text, never as markup.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-handshake-export.h"
#include "sock-number-format.h"
#include "sock-handshake-details.h"
#include "sock-timings-bar.h"

static const char *step_classes[SOCK_TIMING_N_STEPS] = {
  [SOCK_TIMING_DNS] = "timing-dns",
  [SOCK_TIMING_CONNECT] = "timing-connect",
  [SOCK_TIMING_TLS] = "timing-tls",
  [SOCK_TIMING_WAIT] = "timing-wait",
};

static GtkWidget *
new_group (const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (description, -1);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), escaped);
    }
  return group;
}

static GtkWidget *
new_label (const char *text,
           gboolean    monospace)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (monospace)
    gtk_widget_add_css_class (label, "monospace");
  return label;
}

/* A name above its selectable value (libadwaita 1.2 rows cannot select a subtitle), or a
 * selectable line alone when value is NULL. */
static GtkWidget *
new_value_row (const char *name,
               const char *value,
               gboolean    monospace)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *value_label = new_label (value ? value : name, monospace);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "value-row");
  if (value != NULL)
    {
      GtkWidget *name_label = gtk_label_new (name);

      gtk_label_set_xalign (GTK_LABEL (name_label), 0);
      gtk_widget_add_css_class (name_label, "caption");
      gtk_widget_add_css_class (name_label, "dim-label");
      gtk_accessible_update_relation (GTK_ACCESSIBLE (value_label), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      name_label, NULL, -1);
      gtk_box_append (GTK_BOX (box), name_label);
    }
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
add_row (GtkWidget  *group,
         const char *title,
         const char *subtitle,
         gboolean    monospace)
{
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), new_value_row (title, subtitle, monospace));
}

static void
add_lines (GtkBox             *details,
           const char         *title,
           const char * const *lines,
           gboolean            monospace)
{
  GtkWidget *group;

  if (lines == NULL || lines[0] == NULL)
    return;
  group = new_group (title, NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      /* evidence quotes the URL as it was given */
      g_autofree char *shown = sock_handshake_mask_text (lines[i]);
      add_row (group, shown, NULL, monospace);
    }
  gtk_box_append (details, group);
}

/* Name and value columns in a card: headers read as a table, long values wrap. */
static GtkWidget *
new_headers_table (const char * const *headers)
{
  GtkWidget *grid = gtk_grid_new ();
  guint row = 0;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_add_css_class (grid, "card");
  gtk_widget_add_css_class (grid, "headers-table");
  for (guint i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2, row++)
    {
      g_autofree char *shown = sock_handshake_mask_header (headers[i], headers[i + 1]);
      GtkWidget *name = new_label (headers[i], TRUE);
      GtkWidget *value = new_label (shown, TRUE);

      gtk_widget_add_css_class (name, "dim-label");
      gtk_label_set_yalign (GTK_LABEL (name), 0);
      gtk_widget_set_hexpand (value, TRUE);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_RELATION_LABELLED_BY, name, NULL, -1);
      gtk_grid_attach (GTK_GRID (grid), name, 0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), value, 1, row, 1, 1);
    }
  if (row == 0)
    gtk_grid_attach (GTK_GRID (grid), new_label (_("No headers"), FALSE), 0, 0, 1, 1);
  return grid;
}

/* What was tried and what it reached; without an attempt (a one-off test), only the latter. */
static void
add_attempt_group (GtkBox               *details,
                   SockHandshake        *handshake,
                   SockHandshakeAttempt *attempt)
{
  GtkWidget *group = new_group (attempt ? _("Attempt") : _("Connection"), NULL);
  const char *address = sock_handshake_get_remote_address (handshake);
  const char *protocol = sock_handshake_get_protocol (handshake);
  const char *extensions = sock_handshake_get_extensions (handshake);

  if (attempt != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (sock_handshake_attempt_get_started (attempt));
      g_autofree char *started = g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
      g_autofree char *summary = sock_handshake_attempt_dup_summary (attempt);
      g_autofree char *url = sock_handshake_mask_text (sock_handshake_get_url (handshake));
      g_autofree char *error = sock_handshake_attempt_get_error_message (attempt)
                               ? sock_handshake_mask_text (sock_handshake_attempt_get_error_message (attempt)) : NULL;
      /* TRANSLATORS: an attempt's outcome and its summary, "Failed · No response · 32 ms" */
      g_autofree char *outcome = g_strdup_printf (_("%s · %s"), sock_handshake_attempt_get_outcome (attempt), summary);

      add_row (group, _("URL"), url, TRUE);
      add_row (group, _("Started"), started, FALSE);
      add_row (group, _("Outcome"), outcome, FALSE);
      if (error != NULL)
        add_row (group, _("Error"), error, FALSE);
    }
  add_row (group, _("Address"), address ? address : _("Not reached"), address != NULL);
  if (sock_handshake_get_phase (handshake) == SOCK_PHASE_OPEN)
    add_row (group, _("Subprotocol"), protocol ? protocol : _("None confirmed"), protocol != NULL);
  if (extensions != NULL && *extensions != '\0')
    add_row (group, _("Extensions"), extensions, TRUE);
  gtk_box_append (details, group);
}

static GtkWidget *
new_legend_item (SockTimingStep  step,
                 double          ms)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = gtk_label_new ("●");
  g_autofree char *figure = sock_format_figure (ms, 1);
  /* TRANSLATORS: a step of the handshake and how long it took, "Connect 1,250.5 ms" */
  g_autofree char *text = g_strdup_printf (_("%s %s ms"), sock_timing_step_name (step), figure);

  gtk_widget_add_css_class (swatch, step_classes[step]);
  gtk_accessible_update_state (GTK_ACCESSIBLE (swatch), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), gtk_label_new (text));
  gtk_widget_add_css_class (box, "caption");
  return box;
}

static void
add_timings_group (GtkBox        *details,
                   SockHandshake *handshake)
{
  const SockTimings *timings = sock_handshake_get_timings (handshake);
  SockTimingSpan spans[SOCK_TIMING_N_STEPS];
  GtkWidget *group = new_group (_("Timings"), NULL);
  GtkWidget *box, *legend, *bar;
  gboolean any = FALSE;

  sock_timings_get_spans (timings, spans);
  for (guint i = 0; i < SOCK_TIMING_N_STEPS; i++)
    any |= spans[i].start >= 0;
  gtk_box_append (details, group);
  if (!any)
    {
      add_row (group, _("Nothing was measured: the attempt ended before a connection was made."), NULL, FALSE);
      return;
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  legend = gtk_flow_box_new ();
  bar = sock_timings_bar_new ();
  sock_timings_bar_set_timings (SOCK_TIMINGS_BAR (bar), timings);
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (legend), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (legend), 4);
  for (guint i = 0; i < SOCK_TIMING_N_STEPS; i++)
    if (spans[i].start >= 0)
      gtk_flow_box_append (GTK_FLOW_BOX (legend), new_legend_item (i, spans[i].end - spans[i].start));
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "timings-card");
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), legend);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
}

static void
add_exchange_groups (GtkBox        *details,
                     SockHandshake *handshake)
{
  g_autofree char *status_line = NULL;
  g_autofree char *body = sock_handshake_dup_body_text (handshake);
  g_autofree char *request_line = sock_handshake_get_request_line (handshake)
                                  ? sock_handshake_mask_text (sock_handshake_get_request_line (handshake)) : NULL;
  GtkWidget *group;

  group = new_group (_("Request"), request_line ? request_line : _("Not sent."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             new_headers_table (sock_handshake_get_request_headers (handshake)));
  gtk_box_append (details, group);

  if (sock_handshake_get_status (handshake) != 0)
    status_line = g_strdup_printf ("%s %u %s", sock_handshake_get_http_version (handshake) ?: "HTTP/1.1",
                                   sock_handshake_get_status (handshake), sock_handshake_get_reason (handshake) ?: "");
  group = new_group (_("Response"), status_line ? g_strchomp (status_line) : _("No response arrived."));
  if (status_line != NULL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               new_headers_table (sock_handshake_get_response_headers (handshake)));
  if (body != NULL && *body != '\0')
    {
      GtkWidget *label = new_label (body, TRUE);

      gtk_widget_add_css_class (label, "card");
      gtk_widget_add_css_class (label, "body-snippet");
      gtk_widget_set_margin_top (label, 12);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
    }
  gtk_box_append (details, group);
}

static char *
format_date (GDateTime *date)
{
  g_autoptr(GDateTime) local = date ? g_date_time_to_local (date) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (_("Unknown"));
}

static void
add_expander_child (GtkWidget  *expander,
                    const char *title,
                    const char *subtitle,
                    gboolean    monospace)
{
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), new_value_row (title, subtitle, monospace));
}

static void
add_certificate_row (GtkWidget           *group,
                     SockCertificateInfo *info,
                     guint                index)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *from = format_date (info->not_before);
  g_autofree char *until = format_date (info->not_after);
  /* TRANSLATORS: a certificate's validity, "2026-01-01 00:00 to 2027-01-01 00:00" */
  g_autofree char *validity = g_strdup_printf (_("%s to %s"), from, until);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->subject ? info->subject : _("Unknown subject"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), index == 0 ? _("Server certificate")
                                                                    : _("Issuer certificate"));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), index == 0);
  add_expander_child (row, _("Issuer"), info->issuer ? info->issuer : _("Unknown"), FALSE);
  add_expander_child (row, _("Valid"), validity, FALSE);
  add_expander_child (row, "SHA-256", info->sha256 ? info->sha256 : _("Unknown"), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

/* What was checked depends on the tab's TLS policy, which only an attempt records. */
static void
add_tls_group (GtkBox               *details,
               SockHandshake        *handshake,
               SockHandshakeAttempt *attempt)
{
  g_autoptr(GPtrArray) chain = sock_handshake_dup_certificate_chain (handshake);
  g_autofree char *checks = attempt ? sock_handshake_dup_certificate_checks (handshake,
                                                                             sock_handshake_attempt_get_tls_policy (attempt))
                                    : NULL;
  GtkWidget *group;

  if (!sock_handshake_is_secure (handshake))
    return;
  group = new_group (_("TLS"), NULL);
  if (sock_handshake_get_tls_version (handshake) != NULL)
    {
      g_autofree char *tls = g_strdup_printf ("%s, %s", sock_handshake_get_tls_version (handshake),
                                              sock_handshake_get_tls_cipher (handshake) ?: "?");
      add_row (group, _("Version and cipher"), tls, FALSE);
    }
  if (checks != NULL)
    add_row (group, _("Checked"), checks, FALSE);
  for (guint i = 0; i < chain->len; i++)
    add_certificate_row (group, g_ptr_array_index (chain, i), i);
  if (chain->len == 0)
    add_row (group, _("No certificate was received."), NULL, FALSE);
  gtk_box_append (details, group);
}

const char *
sock_handshake_details_severity_icon (SockSeverity severity)
{
  switch (severity)
    {
    case SOCK_SEVERITY_OK:      return "emblem-ok-symbolic";
    case SOCK_SEVERITY_WARNING: return "dialog-warning-symbolic";
    case SOCK_SEVERITY_ERROR:
    default:                    return "dialog-error-symbolic";
    }
}

void
sock_handshake_details_clear (GtkBox *details)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (details))) != NULL)
    gtk_box_remove (details, child);
}

void
sock_handshake_details_fill (GtkBox               *details,
                             SockDiagnosis        *diagnosis,
                             SockHandshake        *handshake,
                             SockHandshakeAttempt *attempt)
{
  g_return_if_fail (GTK_IS_BOX (details));
  g_return_if_fail (attempt == NULL || SOCK_IS_HANDSHAKE_ATTEMPT (attempt));

  if (attempt != NULL)
    {
      diagnosis = sock_handshake_attempt_get_diagnosis (attempt);
      handshake = sock_handshake_attempt_get_handshake (attempt);
    }

  sock_handshake_details_clear (details);
  /* what to do about it comes first */
  if (diagnosis != NULL)
    {
      add_lines (details, _("What to Try"), sock_diagnosis_get_window_hints (diagnosis), FALSE);
      add_lines (details, _("Evidence"), sock_diagnosis_get_evidence (diagnosis), TRUE);
    }
  if (handshake == NULL)
    return;
  add_attempt_group (details, handshake, attempt);
  add_timings_group (details, handshake);
  add_exchange_groups (details, handshake);
  add_tls_group (details, handshake, attempt);
}
