/* test-send-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The send history and templates: kept per connection and kind across a restart (a new store on
 * the same file), newest first, without repeats, capped; a corrupt, hostile or newer file is set
 * aside with words that say where it went, and never overwritten.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sock-send-history.h"
#include "../test-files.h"

typedef struct
{
  char *dir;
  char *file;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sockscope-history-XXXXXX", &error);
  g_assert_no_error (error);
  f->file = g_build_filename (f->dir, "sent.json", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_remove_tree (f->dir);
  g_free (f->file);
  g_free (f->dir);
}

static void
add (SockSendHistory *history,
     const char      *key,
     SockSendKind     kind,
     const char      *uri,
     const char      *args)
{
  g_autoptr(SockSendEntry) entry = sock_send_entry_new (kind, uri, args, NULL);

  sock_send_history_add (history, key, entry);
}

static char *
summary_at (GListModel *model,
            guint       position)
{
  g_autoptr(SockSendEntry) entry = g_list_model_get_item (model, position);

  g_assert_nonnull (entry);
  return sock_send_entry_dup_summary (entry);
}

static void
test_history_round_trip (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(SockSendHistory) history = sock_send_history_new (f->file);
  g_autoptr(SockSendHistory) again = NULL;
  g_autoptr(SockSendEntry) template = sock_send_entry_new (SOCK_SEND_CALL, "demo.add", "[2,\n  3]", "{\"k\":1}");
  GListModel *calls;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *other = NULL;
  g_autofree char *named = NULL;

  g_assert_null (sock_send_history_get_load_error (history));
  add (history, "ws://a/ws demo", SOCK_SEND_CALL, "demo.add", "[1,2]");
  add (history, "ws://a/ws demo", SOCK_SEND_CALL, "demo.echo", "[\"x\"]");
  add (history, "ws://a/ws demo", SOCK_SEND_PUBLISH, "demo.topic", "[1]");
  add (history, "ws://b/ws", SOCK_SEND_RAW, NULL, "hello");
  /* the same call again moves up instead of repeating */
  add (history, "ws://a/ws demo", SOCK_SEND_CALL, "demo.add", "[1,2]");
  sock_send_entry_set_name (template, "Add two");
  sock_send_history_save_template (history, template);

  again = sock_send_history_new (f->file);
  g_assert_null (sock_send_history_get_load_error (again));
  calls = sock_send_history_get_recent (again, "ws://a/ws demo", SOCK_SEND_CALL);
  g_assert_cmpuint (g_list_model_get_n_items (calls), ==, 2);
  first = summary_at (calls, 0);
  second = summary_at (calls, 1);
  g_assert_cmpstr (first, ==, "demo.add [1,2]");
  g_assert_cmpstr (second, ==, "demo.echo [\"x\"]");
  g_assert_cmpuint (g_list_model_get_n_items (sock_send_history_get_recent (again, "ws://a/ws demo", SOCK_SEND_PUBLISH)),
                    ==, 1);
  other = summary_at (sock_send_history_get_recent (again, "ws://b/ws", SOCK_SEND_RAW), 0);
  g_assert_cmpstr (other, ==, "hello");
  g_assert_cmpuint (g_list_model_get_n_items (sock_send_history_get_recent (again, "ws://c/ws", SOCK_SEND_CALL)), ==, 0);
  /* a template keeps its name and its payload as typed, newlines too */
  named = summary_at (sock_send_history_get_templates (again, SOCK_SEND_CALL), 0);
  g_assert_cmpstr (named, ==, "demo.add [2,   3] {\"k\":1}");
  {
    g_autoptr(SockSendEntry) loaded = g_list_model_get_item (sock_send_history_get_templates (again, SOCK_SEND_CALL), 0);

    g_assert_cmpstr (sock_send_entry_get_name (loaded), ==, "Add two");
    g_assert_cmpstr (sock_send_entry_get_args (loaded), ==, "[2,\n  3]");
    sock_send_history_remove_template (again, loaded);
  }
  g_clear_object (&again);
  again = sock_send_history_new (f->file);
  g_assert_cmpuint (g_list_model_get_n_items (sock_send_history_get_templates (again, SOCK_SEND_CALL)), ==, 0);
}

static void
test_history_caps (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SockSendHistory) history = sock_send_history_new (f->file);
  GListModel *model = sock_send_history_get_recent (history, "k", SOCK_SEND_PUBLISH);
  g_autofree char *newest = NULL;
  g_autofree char *oldest = NULL;

  for (guint i = 0; i < SOCK_SEND_HISTORY_MAX + 10; i++)
    {
      g_autofree char *args = g_strdup_printf ("[%u]", i);

      add (history, "k", SOCK_SEND_PUBLISH, "t", args);
    }
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, SOCK_SEND_HISTORY_MAX);
  newest = summary_at (model, 0);
  oldest = summary_at (model, SOCK_SEND_HISTORY_MAX - 1);
  g_assert_cmpstr (newest, ==, "t [59]");
  g_assert_cmpstr (oldest, ==, "t [10]");
}

/* Each unreadable file is kept aside, under a name the error gives, and a new one is written. */
static void
test_history_unreadable (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *deep = g_strnfill (80000, '[');
  const char *contents[] = {
    "{\"version\": 1, \"history\": ",   /* cut short */
    "{\"version\": 99, \"history\": {}}",  /* newer */
    "[1, 2, 3]",                        /* not ours */
    deep,                               /* hostile nesting */
  };

  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SockSendHistory) history = NULL;
      g_autofree char *aside = NULL;
      g_autofree char *kept = NULL;
      const char *where;

      g_assert_true (g_file_set_contents (f->file, contents[i], -1, &error));
      history = sock_send_history_new (f->file);
      g_assert_nonnull (sock_send_history_get_load_error (history));
      where = strstr (sock_send_history_get_load_error (history)->message, "it was kept as ");
      g_assert_nonnull (where);
      aside = g_strndup (where + strlen ("it was kept as "),
                         strstr (where, ", and the history starts empty") - where - strlen ("it was kept as "));
      g_assert_true (g_file_get_contents (aside, &kept, NULL, &error));
      g_assert_cmpstr (kept, ==, contents[i]);
      g_unlink (aside);
      g_assert_false (g_file_test (f->file, G_FILE_TEST_EXISTS));

      add (history, "k", SOCK_SEND_CALL, "p", NULL);
      g_assert_true (g_file_test (f->file, G_FILE_TEST_EXISTS));
      g_unlink (f->file);
    }
}

/* Entries with wrong types are dropped one by one; the rest loads. */
static void
test_history_bad_entries (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SockSendHistory) history = NULL;
  const char *text =
    "{\"version\": 1, \"history\": {\"1:k\": [{\"kind\": \"call\", \"uri\": 5}, {\"kind\": \"nope\"},"
    " {\"kind\": \"call\", \"uri\": \"ok.proc\", \"args\": \"[1]\"}], \"9:k\": [], \"x\": 3},"
    " \"templates\": [{\"kind\": \"raw\", \"args\": \"no name\"}]}";

  g_assert_true (g_file_set_contents (f->file, text, -1, &error));
  history = sock_send_history_new (f->file);
  g_assert_null (sock_send_history_get_load_error (history));
  g_assert_cmpuint (g_list_model_get_n_items (sock_send_history_get_recent (history, "k", SOCK_SEND_CALL)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (sock_send_history_get_templates (history, SOCK_SEND_RAW)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sockscope/send-history/round-trip", test_history_round_trip);
  ADD ("/sockscope/send-history/caps", test_history_caps);
  ADD ("/sockscope/send-history/unreadable", test_history_unreadable);
  ADD ("/sockscope/send-history/bad-entries", test_history_bad_entries);
#undef ADD

  return g_test_run ();
}
