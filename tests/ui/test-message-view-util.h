/* test-message-view-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sock-message-view.h"

G_BEGIN_DECLS

typedef struct
{
  GtkWindow *window;
  SockMessageView *view;
  SockMessageLog *log;
  char *tmpdir;
} Fixture;

extern const char *topics[3];

guint64 append_event (SockMessageLog *log, guint topic, guint i, SockLogDirection direction);
void feed (SockMessageLog *log, guint n);
guint64 append_binary (SockMessageLog *log);
void run_frames (Fixture *f, guint n);
void wait_not_busy (Fixture *f);
char *screen_text (Fixture *f);
gboolean shows_line (Fixture *f, const char *line);
gboolean shows_text (Fixture *f, const char *part);
GtkWidget *find_named (GtkWidget *widget, const char *name);
GtkWidget *find_type (GtkWidget *widget, GType type);
GtkWidget *find_menu_button (GtkWidget *widget, const char *label);
GtkWidget *find_check (GtkWidget *widget, const char *label);
char *buffer_text (GtkWidget *text_view);
void screenshot (Fixture *f, const char *name);
void fixture_set_up (Fixture *f, gconstpointer data);
void fixture_tear_down (Fixture *f, gconstpointer data);
guint n_rows (Fixture *f);
void set_filter_text (Fixture *f, const char *text);
void assert_all_rows (Fixture *f, const char *uri, int direction);
gboolean message_view_test_init (int *argc, char ***argv);

G_END_DECLS
