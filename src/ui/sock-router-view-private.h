/* sock-router-view-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by sock-router-view.c (lists, states, search) and sock-router-view-dialogs.c (kill,
 * last events, subscribe and call).
 */

#pragma once

#include "sock-health-view.h"
#include "sock-router-view.h"

G_BEGIN_DECLS

typedef struct
{
  AdwViewStackPage   *page;
  GtkStack           *state;
  AdwStatusPage      *status;
  GtkColumnView      *view;
  GtkSingleSelection *selection;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GtkLabel           *note;
} SockRouterViewList;

struct _SockRouterView
{
  GtkWidget           parent_instance;

  SockConnection     *connection;
  SockRouterAdmin    *admin;

  /* template */
  GtkWidget          *switcher_bar;
  AdwViewStack       *view_stack;
  AdwBin             *content_bin;
  SockHealthView     *health_view;
  SockTopicView      *topic_view;
  AdwViewStack       *lists_stack;
  GtkSearchEntry     *search_entry;
  AdwToastOverlay    *toasts;
  SockRouterViewList  lists[SOCK_ADMIN_N_LISTS];
};

/* The selected item of a list, or NULL (transfer none). */
gpointer _sock_router_view_get_selected          (SockRouterView *self,
                                                  SockAdminList   list);
void     _sock_router_view_toast                 (SockRouterView *self,
                                                  const char     *text);

/* sock-router-view-dialogs.c */
void     _sock_router_view_install_dialog_actions (GtkWidgetClass *widget_class);

G_END_DECLS
