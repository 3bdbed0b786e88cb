/* sock-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sock-diagnosis.h"
#include "sock-handshake.h"
#include "sock-window.h"

G_BEGIN_DECLS

struct _SockWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GtkStringList        *recent_model;
  GCancellable         *probe_cancellable;
  char                 *probed_url;
  gboolean              close_confirmed;   /* the unexported-log question was answered */

  /* template */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkWidget            *back_button;
  GtkWidget            *new_tab_button;
  AdwWindowTitle       *window_title;
  AdwTabBar            *tab_bar;
  AdwTabView           *tab_view;
  AdwStatusPage        *start_page;
  AdwEntryRow          *url_row;
  AdwComboRow          *protocol_row;
  AdwEntryRow          *realm_row;
  GtkWidget            *connect_spinner;
  GtkWidget            *saved_list;
  GtkWidget            *recent_group;
  GtkListBox           *recent_list;
  AdwStatusPage        *diagnosis_page;
  GtkBox               *details_box;
  GtkWidget            *probe_connect_button;
};

/* sock-window.c */
/* The start page's form as validated options, or NULL with the reason. */
SockConnectOptions *_sock_window_dup_form_options (SockWindow *self,
                                                   GError    **error);
/* Shows the start page with the focus in its URL row. */
void _sock_window_show_start        (SockWindow     *self);

/* sock-window-recent.c */
void _sock_window_init_recent       (SockWindow     *self);
void _sock_window_class_init_recent (GtkWidgetClass *widget_class);
/* Puts options first in Recent (without their secrets). */
void _sock_window_remember          (SockWindow         *self,
                                     SockConnectOptions *options);
/* Remembers the page's options now, and again whenever its subscriptions change. */
void _sock_window_remember_page     (SockWindow         *self,
                                     SockConnectionPage *page);

/* sock-window-saved.c */
void _sock_window_init_saved        (SockWindow        *self);
void _sock_window_class_init_saved  (GtkWidgetClass    *widget_class);
/* Connects the dialog's Save: a new saved connection, or the one it edits. */
void _sock_window_watch_dialog      (SockWindow        *self,
                                     SockConnectDialog *dialog);
/* Writes the saved connections' file; a toast says why when it cannot. */
gboolean _sock_window_commit_saved  (SockWindow        *self);
/* Deletes the secrets of every deleted connection whose Undo toast is still up, and waits for
 * the keyring's answers (at quit). */
void _sock_window_finish_deletions  (void);

/* sock-window-saved-io.c */
void _sock_window_class_init_saved_io (GtkWidgetClass  *widget_class);
/* Adds the connections of an exported file (Import…). */
void _sock_window_import_saved      (SockWindow        *self,
                                     GFile             *file);
/* sock-workspace-guard.c: asks before unexported logs go; the last window saves the workspace. */
gboolean _sock_window_close_request (GtkWindow *window);

/* sock-window-tabs.c */
void _sock_window_class_init_tabs   (GtkWidgetClass *widget_class);
void _sock_window_update_chrome     (SockWindow     *self);

/* Fills the handshake page: the diagnosis as the status page's icon, title and description, and
 * what to try, the evidence, the request and the response as groups in details. */
void _sock_window_show_diagnosis (AdwStatusPage *page,
                                  GtkBox        *details,
                                  SockDiagnosis *diagnosis,
                                  SockHandshake *handshake);

/* The same page for a failure without a diagnosis (e.g. the router's ABORT): an error icon, the
 * title and the explanation, and no details. */
void _sock_window_show_error     (AdwStatusPage *page,
                                  GtkBox        *details,
                                  const char    *title,
                                  const char    *explanation);

G_END_DECLS
