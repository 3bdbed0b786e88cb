/* sock-probe.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sock-probe.h"
#include "sock-transport.h"

typedef struct
{
  SockTransport *transport;
  GError        *error;
  gulong         early_handler;
} Probe;

typedef struct
{
  SockDiagnosis *diagnosis;
  SockHandshake *handshake;
  GError        *error;
} ProbeResult;

static void
probe_free (Probe *probe)
{
  if (probe->early_handler != 0)
    g_signal_handler_disconnect (probe->transport, probe->early_handler);
  g_clear_object (&probe->transport);
  g_clear_error (&probe->error);
  g_free (probe);
}

static void
probe_result_free (ProbeResult *result)
{
  g_clear_pointer (&result->diagnosis, sock_diagnosis_unref);
  g_clear_object (&result->handshake);
  g_clear_error (&result->error);
  g_free (result);
}

static void
probe_complete (GTask *task)
{
  Probe *probe = g_task_get_task_data (task);
  ProbeResult *result = g_new0 (ProbeResult, 1);
  SockHandshake *handshake = sock_transport_get_handshake (probe->transport);

  result->handshake = handshake ? g_object_ref (handshake) : NULL;
  result->error = probe->error ? g_error_copy (probe->error) : NULL;
  if (result->handshake != NULL)
    result->diagnosis = sock_diagnose (result->error, result->handshake);

  if (probe->early_handler != 0)
    {
      g_signal_handler_disconnect (probe->transport, probe->early_handler);
      probe->early_handler = 0;
    }
  if (sock_transport_get_state (probe->transport) == SOCK_TRANSPORT_OPEN)
    sock_transport_close (probe->transport, 1000, "Sockscope probe done");

  g_task_return_pointer (task, result, (GDestroyNotify)probe_result_free);
}

static void
on_early_window_done (SockTransport *transport,
                      GTask         *task)
{
  g_autoptr(GTask) owned = g_object_ref (task);

  probe_complete (owned);
}

static void
connect_cb (GObject      *object,
            GAsyncResult *async_result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Probe *probe = g_task_get_task_data (task);

  if (!sock_transport_connect_finish (SOCK_TRANSPORT (object), async_result, &probe->error))
    {
      if (g_task_return_error_if_cancelled (task))
        return;
      probe_complete (task);
      return;
    }

  /* Wait and see whether the server closes at once or says something first. */
  probe->early_handler = g_signal_connect_data (probe->transport, "early-window-done",
                                                G_CALLBACK (on_early_window_done), g_object_ref (task),
                                                (GClosureNotify)(void (*) (void))g_object_unref, 0);
}

void
sock_probe_async (SockProfile         *profile,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task;
  Probe *probe;

  g_return_if_fail (SOCK_IS_PROFILE (profile));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sock_probe_async);
  probe = g_new0 (Probe, 1);
  probe->transport = sock_transport_new (profile);
  g_task_set_task_data (task, probe, (GDestroyNotify)probe_free);

  sock_transport_connect_async (probe->transport, cancellable, connect_cb, task);
}

SockDiagnosis *
sock_probe_finish (GAsyncResult   *result,
                   SockHandshake **out_handshake,
                   GError        **out_error)
{
  g_autoptr(GError) error = NULL;
  ProbeResult *probe_result;
  SockDiagnosis *diagnosis;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  probe_result = g_task_propagate_pointer (G_TASK (result), &error);
  if (probe_result == NULL)
    {
      if (out_handshake != NULL)
        *out_handshake = NULL;
      g_propagate_error (out_error, g_steal_pointer (&error));
      return NULL;
    }

  if (out_handshake != NULL)
    *out_handshake = g_steal_pointer (&probe_result->handshake);
  if (out_error != NULL)
    *out_error = g_steal_pointer (&probe_result->error);
  diagnosis = g_steal_pointer (&probe_result->diagnosis);
  probe_result_free (probe_result);

  return diagnosis;
}

typedef struct
{
  GMainLoop      *loop;
  GAsyncResult   *result;
} SyncData;

static void
sync_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SyncData *data = user_data;

  data->result = g_object_ref (result);
  g_main_loop_quit (data->loop);
}

SockDiagnosis *
sock_probe_run (SockProfile    *profile,
                SockHandshake **out_handshake,
                GError        **out_error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  SyncData data = { 0 };
  SockDiagnosis *diagnosis;

  g_main_context_push_thread_default (context);
  data.loop = g_main_loop_new (context, FALSE);
  sock_probe_async (profile, NULL, sync_cb, &data);
  g_main_loop_run (data.loop);
  diagnosis = sock_probe_finish (data.result, out_handshake, out_error);

  /* let the transport send its close frame before the context goes */
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);

  g_clear_object (&data.result);
  g_main_loop_unref (data.loop);

  return diagnosis;
}
