/* sock-cli-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why not stdio: `sub` used to puts() and fflush() each event, a write(2) per line, which held it
 * to a third of what the core takes in. Here a write carries SOCK_CLI_WRITER_CHUNK bytes at a
 * flood's rates, and one line at a trickle's (after flush_ms at most).
 */

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "sock-cli-writer.h"

struct _SockCliWriter
{
  int                      fd;
  guint                    flush_ms;
  GString                 *buffer;
  guint                    timer;
  guint64                  written;
  gboolean                 failed;
  SockCliWriterFailedFunc  failed_func;
  gpointer                 failed_data;
};

SockCliWriter *
sock_cli_writer_new (int   fd,
                     guint flush_ms)
{
  SockCliWriter *self = g_new0 (SockCliWriter, 1);

  self->fd = fd;
  self->flush_ms = flush_ms;
  self->buffer = g_string_sized_new (SOCK_CLI_WRITER_CHUNK + 16 * 1024);
  return self;
}

void
sock_cli_writer_free (SockCliWriter *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->timer, g_source_remove);
  g_string_free (self->buffer, TRUE);
  g_free (self);
}

void
sock_cli_writer_set_failed_func (SockCliWriter           *self,
                                 SockCliWriterFailedFunc  func,
                                 gpointer                 user_data)
{
  self->failed_func = func;
  self->failed_data = user_data;
}

static void
fail (SockCliWriter *self,
      int            saved_errno)
{
  g_autoptr(GError) error = NULL;

  self->failed = TRUE;
  g_string_truncate (self->buffer, 0);
  g_clear_handle_id (&self->timer, g_source_remove);
  error = g_error_new (G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s", g_strerror (saved_errno));
  if (self->failed_func != NULL)
    self->failed_func (self, saved_errno == EPIPE, error, self->failed_data);
}

/* Every byte, or the error: a blocking write may write part, a non-blocking one may refuse. */
static gboolean
write_all (SockCliWriter *self,
           const char    *data,
           gsize          len)
{
  while (len > 0)
    {
      gssize n = write (self->fd, data, len);

      if (n >= 0)
        {
          data += n;
          len -= n;
          self->written += n;
        }
      else if (errno == EAGAIN || errno == EWOULDBLOCK)
        {
          struct pollfd pfd = { .fd = self->fd, .events = POLLOUT };

          /* the reader is slow: wait for it, as a blocking write would */
          if (poll (&pfd, 1, -1) < 0 && errno != EINTR)
            return FALSE;
        }
      else if (errno != EINTR)
        return FALSE;
    }
  return TRUE;
}

gboolean
sock_cli_writer_flush (SockCliWriter *self)
{
  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->failed)
    return FALSE;
  if (self->buffer->len == 0)
    return TRUE;
  if (!write_all (self, self->buffer->str, self->buffer->len))
    {
      fail (self, errno);
      return FALSE;
    }
  g_string_truncate (self->buffer, 0);
  return TRUE;
}

static gboolean
flush_cb (gpointer user_data)
{
  SockCliWriter *self = user_data;

  self->timer = 0;
  sock_cli_writer_flush (self);
  return G_SOURCE_REMOVE;
}

GString *
sock_cli_writer_begin (SockCliWriter *self)
{
  return self->buffer;
}

void
sock_cli_writer_commit (SockCliWriter *self)
{
  if (self->failed)
    {
      g_string_truncate (self->buffer, 0);
      return;
    }
  if (self->buffer->len >= SOCK_CLI_WRITER_CHUNK)
    sock_cli_writer_flush (self);
  else if (self->timer == 0 && self->buffer->len > 0)
    self->timer = g_timeout_add (self->flush_ms, flush_cb, self);
}

gboolean
sock_cli_writer_has_failed (SockCliWriter *self)
{
  return self->failed;
}

guint64
sock_cli_writer_get_written (SockCliWriter *self)
{
  return self->written;
}

void
sock_cli_append_int (GString *out,
                     gint64   value)
{
  char digits[24];
  int i = sizeof digits;
  guint64 v = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      digits[--i] = '0' + v % 10;
      v /= 10;
    }
  while (v != 0);
  if (value < 0)
    digits[--i] = '-';
  g_string_append_len (out, digits + i, sizeof digits - i);
}

void
sock_cli_time_append (SockCliTimeCache *cache,
                      GString          *out,
                      gint64            time_us,
                      gboolean          quoted)
{
  gint64 second = time_us >= 0 ? time_us / G_USEC_PER_SEC : (time_us + 1) / G_USEC_PER_SEC - 1;
  int ms = (int) ((time_us - second * G_USEC_PER_SEC) / 1000);
  char tail[6] = { '.', '0' + ms / 100, '0' + ms / 10 % 10, '0' + ms % 10, 'Z', '"' };

  if (second != cache->second || cache->text[0] == '\0')
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (second);
      g_autofree char *text = when != NULL ? g_date_time_format (when, "%Y-%m-%dT%H:%M:%S") : NULL;

      g_strlcpy (cache->text, text != NULL ? text : "1970-01-01T00:00:00", sizeof cache->text);
      cache->second = second;
    }
  if (quoted)
    g_string_append_c (out, '"');
  g_string_append (out, cache->text);
  g_string_append_len (out, tail, quoted ? 6 : 5);
}
