/* test-bounded-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bounded list model under the timeline and the handshake history: what it holds past its cap,
 * the items-changed it emits for each drop and append (and that the model already reads as they
 * say when they arrive), and get_item's bounds.
 */

#include "config.h"

#include <gio/gio.h>

#include "sock-bounded-list.h"

typedef struct
{
  GString *changes;   /* "position:removed:added:n_items " per emission */
} Recorder;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Recorder   *recorder)
{
  g_string_append_printf (recorder->changes, "%u:%u:%u:%u ",
                          position, removed, added, g_list_model_get_n_items (model));
}

static GObject *
new_item (int n)
{
  GObject *item = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_data (item, "n", GINT_TO_POINTER (n));
  return item;
}

static int
item_number (GListModel *model,
             guint       position)
{
  g_autoptr(GObject) item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  return GPOINTER_TO_INT (g_object_get_data (item, "n"));
}

static void
append_numbers (SockBoundedList *list,
                int              first,
                int              last)
{
  for (int n = first; n <= last; n++)
    {
      g_autoptr(GObject) item = new_item (n);

      sock_bounded_list_append (list, item);
    }
}

static void
test_bounded_list_append_past_cap (void)
{
  g_autoptr(SockBoundedList) list = sock_bounded_list_new (G_TYPE_OBJECT, 3);
  GListModel *model = G_LIST_MODEL (list);

  g_assert_true (g_list_model_get_item_type (model) == G_TYPE_OBJECT);
  g_assert_cmpuint (sock_bounded_list_get_max_items (list), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_null (sock_bounded_list_peek_last (list));

  append_numbers (list, 1, 7);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpuint (sock_bounded_list_get_n_dropped (list), ==, 4);
  g_assert_cmpint (item_number (model, 0), ==, 5);
  g_assert_cmpint (item_number (model, 1), ==, 6);
  g_assert_cmpint (item_number (model, 2), ==, 7);
  g_assert_cmpint (GPOINTER_TO_INT (g_object_get_data (sock_bounded_list_peek_last (list), "n")), ==, 7);
  g_assert_cmpint (GPOINTER_TO_INT (g_object_get_data (sock_bounded_list_peek (list, 0), "n")), ==, 5);
}

static void
test_bounded_list_items_changed (void)
{
  g_autoptr(SockBoundedList) list = sock_bounded_list_new (G_TYPE_OBJECT, 2);
  Recorder recorder = { g_string_new (NULL) };

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &recorder);
  append_numbers (list, 1, 2);
  g_assert_cmpstr (recorder.changes->str, ==, "0:0:1:1 1:0:1:2 ");

  /* full: the drop of the oldest, then the append, each seen with the model as it then is */
  g_string_truncate (recorder.changes, 0);
  append_numbers (list, 3, 4);
  g_assert_cmpstr (recorder.changes->str, ==, "0:1:0:1 1:0:1:2 0:1:0:1 1:0:1:2 ");
  g_assert_cmpuint (sock_bounded_list_get_n_dropped (list), ==, 2);

  g_string_free (recorder.changes, TRUE);
}

static void
test_bounded_list_get_item_bounds (void)
{
  g_autoptr(SockBoundedList) list = sock_bounded_list_new (G_TYPE_OBJECT, 0);
  GListModel *model = G_LIST_MODEL (list);
  g_autoptr(GObject) item = new_item (1);
  g_autoptr(GObject) got = NULL;

  /* a cap of 0 is taken as 1 */
  g_assert_cmpuint (sock_bounded_list_get_max_items (list), ==, 1);
  g_assert_null (g_list_model_get_item (model, 0));
  g_assert_null (sock_bounded_list_peek (list, 0));

  sock_bounded_list_append (list, item);
  got = g_list_model_get_item (model, 0);
  g_assert_true (got == item);
  g_assert_null (g_list_model_get_item (model, 1));
  g_assert_null (g_list_model_get_item (model, G_MAXUINT));
  g_assert_null (sock_bounded_list_peek (list, 1));

  /* the list holds its own reference */
  g_clear_object (&got);
  append_numbers (list, 2, 2);
  g_assert_cmpint (item_number (model, 0), ==, 2);
  g_assert_finalize_object (g_steal_pointer (&item));
}

static void
test_bounded_list_item_type (void)
{
  g_autoptr(SockBoundedList) list = sock_bounded_list_new (G_TYPE_APPLICATION, 4);
  g_autoptr(GObject) wrong = new_item (1);

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == G_TYPE_APPLICATION);
  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*G_TYPE_CHECK_INSTANCE_TYPE*");
  sock_bounded_list_append (list, wrong);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sockscope/bounded-list/append-past-cap", test_bounded_list_append_past_cap);
  g_test_add_func ("/sockscope/bounded-list/items-changed", test_bounded_list_items_changed);
  g_test_add_func ("/sockscope/bounded-list/get-item-bounds", test_bounded_list_get_item_bounds);
  g_test_add_func ("/sockscope/bounded-list/item-type", test_bounded_list_item_type);

  return g_test_run ();
}
