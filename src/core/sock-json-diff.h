/* sock-json-diff.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two JSON values compared key by key: what was added, removed or changed, each at its path
 * ("kwargs.time", "args[0]", "details.rates[\"p95\"]"), with the old and new values as they
 * came (one line, cut). Read with the strict scanner, no tree; bounded: the inputs' size
 * (SOCK_JSON_DIFF_MAX_INPUT), the depth it descends to (below it a subtree is compared as a
 * whole), the members it compares and the changes it lists (the rest is counted as cut off).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SOCK_JSON_DIFF_MAX_INPUT   (4u << 20)
#define SOCK_JSON_DIFF_MAX_DEPTH   32
#define SOCK_JSON_DIFF_MAX_NODES   200000
#define SOCK_JSON_DIFF_MAX_CHANGES 1000
/* A value in a change is cut to this many characters. */
#define SOCK_JSON_DIFF_MAX_VALUE   200

typedef enum
{
  SOCK_JSON_DIFF_ADDED,
  SOCK_JSON_DIFF_REMOVED,
  SOCK_JSON_DIFF_CHANGED,
} SockJsonDiffKind;

typedef struct
{
  SockJsonDiffKind  kind;
  char             *path;
  char             *old_value;  /* NULL when added */
  char             *new_value;  /* NULL when removed */
} SockJsonChange;

typedef struct _SockJsonDiff SockJsonDiff;

SockJsonDiff         *sock_json_diff_new             (void);
void                  sock_json_diff_free            (SockJsonDiff  *self);
/* Compares old with new under path (NULL or "": the root). Either may be NULL: absent (the
 * other's value is then added or removed as a whole). Fails (SOCK_ERROR_INVALID_JSON,
 * SOCK_ERROR_INVALID_VALUE for too large an input) without adding anything. */
gboolean              sock_json_diff_add             (SockJsonDiff  *self,
                                                      const char    *path,
                                                      const char    *old_json,
                                                      gsize          old_len,
                                                      const char    *new_json,
                                                      gsize          new_len,
                                                      GError       **error);
guint                 sock_json_diff_get_n_changes   (SockJsonDiff  *self);
const SockJsonChange *sock_json_diff_get_change      (SockJsonDiff  *self,
                                                      guint          index);
/* Leaf values found equal. */
guint                 sock_json_diff_get_n_equal     (SockJsonDiff  *self);
/* Whether a cap stopped it: more changes than listed, or nodes left uncompared. */
gboolean              sock_json_diff_get_truncated   (SockJsonDiff  *self);
/* "+ kwargs.time: …" lines, for a clipboard or a test. */
char                 *sock_json_diff_to_text         (SockJsonDiff  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SockJsonDiff, sock_json_diff_free)

G_END_DECLS
