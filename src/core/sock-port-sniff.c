/* sock-port-sniff.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sock-port-sniff.h"

typedef struct
{
  SockPortLanguage  language;
  GCancellable     *cancellable;
  GSource          *timeout;
  GIOStream        *stream;
  char             *request;
  char              reply[8];
} Sniff;

static void
sniff_free (Sniff *sniff)
{
  if (sniff->timeout != NULL)
    {
      g_source_destroy (sniff->timeout);
      g_source_unref (sniff->timeout);
    }
  if (sniff->stream != NULL)
    g_io_stream_close (sniff->stream, NULL, NULL);
  g_clear_object (&sniff->stream);
  g_clear_object (&sniff->cancellable);
  g_free (sniff->request);
  g_free (sniff);
}

static gboolean
sniff_timeout_cb (gpointer user_data)
{
  Sniff *sniff = user_data;

  g_cancellable_cancel (sniff->cancellable);

  return G_SOURCE_REMOVE;
}

static gboolean
on_accept_certificate (GTlsConnection       *connection,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  /* only whether TLS is spoken matters here, not whom to trust */
  return TRUE;
}

static void
on_client_event (GSocketClient      *client,
                 GSocketClientEvent  event,
                 GSocketConnectable *connectable,
                 GIOStream          *connection,
                 gpointer            user_data)
{
  if (event == G_SOCKET_CLIENT_TLS_HANDSHAKING && G_IS_TLS_CONNECTION (connection))
    g_signal_connect (connection, "accept-certificate", G_CALLBACK (on_accept_certificate), NULL);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Sniff *sniff = g_task_get_task_data (task);
  gsize n = 0;

  if (!g_input_stream_read_all_finish (G_INPUT_STREAM (object), result, &n, NULL))
    n = 0;

  g_task_return_boolean (task, n == 5 && memcmp (sniff->reply, "HTTP/", 5) == 0);
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Sniff *sniff = g_task_get_task_data (task);

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL))
    {
      g_task_return_boolean (task, FALSE);
      return;
    }

  g_input_stream_read_all_async (g_io_stream_get_input_stream (sniff->stream), sniff->reply, 5,
                                 G_PRIORITY_DEFAULT, sniff->cancellable, read_cb, g_steal_pointer (&task));
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Sniff *sniff = g_task_get_task_data (task);

  sniff->stream = G_IO_STREAM (g_socket_client_connect_to_host_finish (G_SOCKET_CLIENT (object), result, NULL));
  if (sniff->stream == NULL || sniff->language == SOCK_PORT_SPEAKS_TLS)
    {
      g_task_return_boolean (task, sniff->stream != NULL);
      return;
    }

  g_output_stream_write_all_async (g_io_stream_get_output_stream (sniff->stream), sniff->request,
                                   strlen (sniff->request), G_PRIORITY_DEFAULT, sniff->cancellable, write_cb,
                                   g_steal_pointer (&task));
}

void
sock_port_sniff_async (const char          *host,
                       guint16              port,
                       SockPortLanguage     language,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  Sniff *sniff = g_new0 (Sniff, 1);
  GTask *task;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sock_port_sniff_async);
  g_task_set_task_data (task, sniff, (GDestroyNotify)sniff_free);

  sniff->language = language;
  sniff->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel), sniff->cancellable,
                             G_CONNECT_SWAPPED);
  sniff->request = g_strdup_printf ("GET / HTTP/1.1\r\nHost: %s:%u\r\nConnection: close\r\n\r\n", host, port);
  sniff->timeout = g_timeout_source_new (SOCK_PORT_SNIFF_TIMEOUT_MS);
  g_source_set_callback (sniff->timeout, sniff_timeout_cb, sniff, NULL);
  g_source_attach (sniff->timeout, g_main_context_get_thread_default ());

  if (language == SOCK_PORT_SPEAKS_TLS)
    {
      g_socket_client_set_tls (client, TRUE);
      g_signal_connect (client, "event", G_CALLBACK (on_client_event), NULL);
    }

  g_socket_client_connect_to_host_async (client, host, port, sniff->cancellable, connect_cb, task);
}

gboolean
sock_port_sniff_finish (GAsyncResult *result)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), NULL);
}
