/* sock-keyring.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each operation is a GTask running a short chain of libsecret calls one after the other, with
 * one inner GCancellable that the caller's cancellable and the deadline both cancel.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "sock-error.h"
#include "sock-keyring.h"
#include "sock-saved-secrets.h"

static guint keyring_timeout_ms = 5000;

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.sockscope.Sockscope.Secret", SECRET_SCHEMA_NONE,
    {
      { "connection", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "slot", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

void
sock_keyring_set_timeout (guint timeout_ms)
{
  keyring_timeout_ms = MAX (timeout_ms, 1);
}

typedef struct
{
  char               *id;
  char               *name;
  GPtrArray          *secrets;   /* SockSavedSecret: what to store */
  GStrv               slots;     /* what to look up */
  guint               next;
  SockConnectOptions *options;   /* lookup: filled in as answers come */
  GCancellable       *inner;
  GCancellable       *outer;
  gulong              outer_id;
  guint               deadline;
  gboolean            timed_out;
} Operation;

static void
operation_free (Operation *op)
{
  g_clear_handle_id (&op->deadline, g_source_remove);
  if (op->outer_id != 0)
    g_cancellable_disconnect (op->outer, op->outer_id);
  g_clear_object (&op->outer);
  g_clear_object (&op->inner);
  g_clear_object (&op->options);
  g_clear_pointer (&op->secrets, g_ptr_array_unref);
  g_clear_pointer (&op->slots, g_strfreev);
  g_free (op->id);
  g_free (op->name);
  g_free (op);
}

static gboolean
on_deadline (gpointer data)
{
  Operation *op = data;

  op->deadline = 0;
  op->timed_out = TRUE;
  g_cancellable_cancel (op->inner);
  return G_SOURCE_REMOVE;
}

static void
on_outer_cancelled (GCancellable *outer,
                    GCancellable *inner)
{
  g_cancellable_cancel (inner);
}

static GTask *
operation_start (const char          *id,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data,
                 gpointer             source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Operation *op = g_new0 (Operation, 1);

  g_task_set_source_tag (task, source_tag);
  op->id = g_strdup (id);
  op->inner = g_cancellable_new ();
  if (cancellable != NULL)
    {
      op->outer = g_object_ref (cancellable);
      op->outer_id = g_cancellable_connect (cancellable, G_CALLBACK (on_outer_cancelled), op->inner, NULL);
    }
  op->deadline = g_timeout_add (keyring_timeout_ms, on_deadline, op);
  g_task_set_task_data (task, op, (GDestroyNotify) operation_free);
  return task;
}

/* Says what a failure means for the user; the caller's own cancel stays a cancel. */
static void
operation_fail (GTask  *task,
                GError *cause)
{
  Operation *op = g_task_get_task_data (task);
  g_autoptr(GError) owned = cause;

  if (op->outer != NULL && g_cancellable_is_cancelled (op->outer))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", cause->message);
  else if (op->timed_out)
    g_task_return_new_error (task, SOCK_ERROR, SOCK_ERROR_KEYRING,
                             _("The keyring did not answer within %u s: secrets will not be saved, and Sockscope "
                               "asks for them when connecting"), (keyring_timeout_ms + 999) / 1000);
  else
    g_task_return_new_error (task, SOCK_ERROR, SOCK_ERROR_KEYRING,
                             _("No keyring (Secret Service) is available (%s): secrets will not be saved, and "
                               "Sockscope asks for them when connecting"), cause->message);
  g_object_unref (task);
}

static GHashTable *
attributes_new (const char *id,
                const char *slot)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, "connection", (gpointer) id);
  if (slot != NULL)
    g_hash_table_insert (attributes, "slot", (gpointer) slot);
  return attributes;
}

/* Storing: clear every item of the connection, then store each secret. Clearing is storing none. */

static void store_next (GTask *task);

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    return operation_fail (task, error);
  store_next (task);
}

static void
store_next (GTask *task)
{
  Operation *op = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  SockSavedSecret *secret;

  if (op->next >= op->secrets->len)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  secret = g_ptr_array_index (op->secrets, op->next++);
  attributes = attributes_new (op->id, secret->slot);
  /* TRANSLATORS: the label of a keyring item: the saved connection's name, then what it is
   * ("ticket", "Authorization header") */
  label = g_strdup_printf (_("Sockscope: %s (%s)"), op->name, secret->description);
  secret_password_storev (get_schema (), attributes, SECRET_COLLECTION_DEFAULT, label, secret->value, op->inner,
                          on_stored, task);
}

static void
on_cleared (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  /* FALSE without an error: there was nothing to remove */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    return operation_fail (task, error);
  store_next (task);
}

void
sock_keyring_store_async (SockSavedConnection *connection,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GTask *task;
  Operation *op;

  g_return_if_fail (SOCK_IS_SAVED_CONNECTION (connection));

  task = operation_start (sock_saved_connection_get_id (connection), cancellable, callback, user_data,
                          sock_keyring_store_async);
  op = g_task_get_task_data (task);
  op->name = g_strdup (sock_saved_connection_get_name (connection));
  op->secrets = sock_saved_secrets_collect (sock_saved_connection_get_options (connection));
  attributes = attributes_new (op->id, NULL);
  secret_password_clearv (get_schema (), attributes, op->inner, on_cleared, task);
}

gboolean
sock_keyring_store_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Looking up: each missing slot in turn. */

static void lookup_next (GTask *task);

static void
on_looked_up (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  Operation *op = g_task_get_task_data (task);
  GError *error = NULL;
  char *value = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    return operation_fail (task, error);
  if (value != NULL)
    sock_saved_secrets_fill (op->options, op->slots[op->next - 1], value);
  secret_password_free (value);
  lookup_next (task);
}

static void
lookup_next (GTask *task)
{
  Operation *op = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = NULL;

  if (op->slots[op->next] == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&op->options), g_object_unref);
      g_object_unref (task);
      return;
    }
  attributes = attributes_new (op->id, op->slots[op->next++]);
  secret_password_lookupv (get_schema (), attributes, op->inner, on_looked_up, task);
}

void
sock_keyring_lookup_async (SockSavedConnection *connection,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  Operation *op;

  g_return_if_fail (SOCK_IS_SAVED_CONNECTION (connection));

  task = operation_start (sock_saved_connection_get_id (connection), cancellable, callback, user_data,
                          sock_keyring_lookup_async);
  op = g_task_get_task_data (task);
  op->options = sock_connect_options_copy (sock_saved_connection_get_options (connection));
  op->slots = sock_saved_secrets_list_missing (op->options);
  lookup_next (task);
}

SockConnectOptions *
sock_keyring_lookup_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Clearing */

void
sock_keyring_clear_async (const char          *id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GTask *task;
  Operation *op;

  g_return_if_fail (id != NULL);

  task = operation_start (id, cancellable, callback, user_data, sock_keyring_clear_async);
  op = g_task_get_task_data (task);
  op->secrets = g_ptr_array_new ();  /* nothing to store once cleared */
  attributes = attributes_new (op->id, NULL);
  secret_password_clearv (get_schema (), attributes, op->inner, on_cleared, task);
}

gboolean
sock_keyring_clear_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
