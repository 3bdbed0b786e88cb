/* sock-cli-writer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Output for commands that print a line per event at high rates: lines collect in a large buffer
 * that is written when it fills, or at the latest flush_ms after the first line that waits, so
 * that a person still sees sparse events promptly. Partial writes, EINTR and a non-blocking
 * descriptor are handled without losing a byte. A reader that went away (EPIPE) ends the output
 * quietly: the owner is told once, and exits with SOCK_CLI_EXIT_BROKEN_PIPE.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SockCliWriter SockCliWriter;

/* Called once, when a write failed: broken_pipe TRUE when the reader went away (no message is
 * due then), else error says what failed. */
typedef void (*SockCliWriterFailedFunc) (SockCliWriter *writer,
                                         gboolean       broken_pipe,
                                         const GError  *error,
                                         gpointer       user_data);

/* The size at which the buffer is written out. */
#define SOCK_CLI_WRITER_CHUNK (64 * 1024)
#define SOCK_CLI_WRITER_DEFAULT_FLUSH_MS 50

SockCliWriter *sock_cli_writer_new          (int                      fd,
                                             guint                    flush_ms);
void           sock_cli_writer_free         (SockCliWriter           *self);
void           sock_cli_writer_set_failed_func (SockCliWriter        *self,
                                             SockCliWriterFailedFunc  func,
                                             gpointer                 user_data);

/* The buffer to append one or more whole lines to; then call sock_cli_writer_commit(). */
GString       *sock_cli_writer_begin        (SockCliWriter           *self);
void           sock_cli_writer_commit       (SockCliWriter           *self);
/* Writes everything that waits; FALSE once a write failed (then nothing is written any more). */
gboolean       sock_cli_writer_flush        (SockCliWriter           *self);
gboolean       sock_cli_writer_has_failed   (SockCliWriter           *self);
/* Bytes written so far. */
guint64        sock_cli_writer_get_written  (SockCliWriter           *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SockCliWriter, sock_cli_writer_free)

/* Appends the time as the JSON string "2026-01-02T03:04:05.678Z" (quoted: TRUE) or without the
 * quotes; the text of the second is formatted once and kept in cache. */
typedef struct
{
  gint64 second;
  char   text[24];
} SockCliTimeCache;

void           sock_cli_time_append         (SockCliTimeCache        *cache,
                                             GString                 *out,
                                             gint64                   time_us,
                                             gboolean                 quoted);
/* Appends a decimal integer without printf. */
void           sock_cli_append_int          (GString                 *out,
                                             gint64                   value);

G_END_DECLS
