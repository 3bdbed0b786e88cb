/* sock-connection-page-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by sock-connection-page.c (header, state), sock-connection-page-failure.c (the failure
 * view) and sock-connection-page-subscriptions.c (the subscriptions side bar).
 */

#pragma once

#include "sock-call-form.h"
#include "sock-mock-form.h"
#include "sock-connection-page.h"
#include "sock-publish-form.h"
#include "sock-raw-composer.h"
#include "sock-router-view.h"

G_BEGIN_DECLS

struct _SockConnectionPage
{
  GtkWidget            parent_instance;

  SockConnection      *connection;
  GtkWidget           *handshakes_window;  /* weak; closes with the tab */
  GCancellable        *cancellable;    /* open and subscriptions; cancelled on close */
  GtkWidget           *view;
  GBindingGroup       *session_bindings;  /* the header's facts, from the joined session */
  gboolean             open_done;
  gboolean             closed_by_user;  /* Disconnect or Cancel: no failure view */
  SockConnectOptions  *fix_options;    /* what the failure view's fix button applies */

  char                *title;
  char                *url;
  char                *state_text;
  GIcon               *icon;
  gboolean             loading;

  guint                countdown_id;   /* "Reconnecting in N s", only while reconnecting */
  gint64               reconnect_at;
  guint                n_lost;         /* losses since the last join: "Reconnecting…" */

  /* template */
  GtkStack            *state_icon_stack;
  GtkSpinner          *state_spinner;
  GtkImage            *state_image;
  GtkLabel            *url_label;
  GtkLabel            *state_label;
  GtkWidget           *reconnect_button;
  GtkWidget           *cancel_button;
  GtkWidget           *protocol_fact;
  GtkLabel            *protocol_label;
  GtkWidget           *realm_fact;
  GtkLabel            *realm_label;
  GtkLabel            *session_label;
  GtkLabel            *rate_in_label;
  GtkLabel            *rate_out_label;
  GtkStack            *content_stack;
  AdwFlap             *flap;
  AdwBin              *view_bin;
  SockRouterView      *router_view;
  GtkEntry            *topic_entry;
  GtkDropDown         *match_dropdown;
  GtkWidget           *subscriptions_placeholder;
  GtkListView         *subscription_list;
  GtkNoSelection      *subscription_selection;
  SockPublishForm     *publish_form;
  SockCallForm        *call_form;
  SockMockForm        *mock_form;
  GtkWidget           *subscribe_box;
  GtkWidget           *subscriptions_box;
  SockRawComposer     *raw_composer;
  AdwStatusPage       *diagnosis_page;
  GtkBox              *details_box;
  GtkWidget           *fix_button;
  GtkWidget           *retry_button;
  GtkWidget           *sidebar_button;
};

void _sock_connection_page_setup                   (SockConnectionPage *self);

/* sock-connection-page-failure.c */
void _sock_connection_page_show_failure            (SockConnectionPage *self,
                                                    const GError       *error);
void _sock_connection_page_class_init_failure      (GtkWidgetClass     *widget_class);

/* sock-connection-page-subscriptions.c */
/* sock-connection-page-control.c */
void _sock_connection_page_install_control_actions (GtkWidgetClass     *widget_class);
void _sock_connection_page_update_control          (SockConnectionPage *self);
char *_sock_connection_page_dup_connect_countdown  (SockConnectionPage *self);

void _sock_connection_page_install_subscription_actions (GtkWidgetClass *widget_class);
/* sock-connection-page-send.c: page.send-again (log seq). */
void     _sock_connection_page_install_send_actions (GtkWidgetClass     *widget_class);
void _sock_connection_page_bind_subscriptions      (SockConnectionPage *self);
void _sock_connection_page_on_topic_activate       (SockConnectionPage *self);
void _sock_connection_page_on_topic_changed        (SockConnectionPage *self);
void _sock_connection_page_on_topic_icon_release   (SockConnectionPage *self);

G_END_DECLS
