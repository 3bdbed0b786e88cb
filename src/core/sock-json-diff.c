/* sock-json-diff.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sock-error.h"
#include "sock-format.h"
#include "sock-json-diff.h"
#include "sock-json-pretty.h"
#include "sock-json-scan.h"

struct _SockJsonDiff
{
  GArray   *changes;   /* SockJsonChange */
  guint     n_equal;
  guint     n_nodes;
  gboolean  truncated;
};

typedef struct
{
  SockJsonDiff *diff;
  const char   *a;
  const char   *b;
} Ctx;

static void
change_clear (gpointer data)
{
  SockJsonChange *change = data;

  g_free (change->path);
  g_free (change->old_value);
  g_free (change->new_value);
}

SockJsonDiff *
sock_json_diff_new (void)
{
  SockJsonDiff *self = g_new0 (SockJsonDiff, 1);

  self->changes = g_array_new (FALSE, TRUE, sizeof (SockJsonChange));
  g_array_set_clear_func (self->changes, change_clear);
  return self;
}

void
sock_json_diff_free (SockJsonDiff *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->changes);
  g_free (self);
}

static char *
value_text (const char            *doc,
            const SockJsonElement *element)
{
  return element != NULL ? sock_json_compact (doc + element->offset, element->len, SOCK_JSON_DIFF_MAX_VALUE) :
                           NULL;
}

static void
add_change (Ctx                   *ctx,
            SockJsonDiffKind       kind,
            const char            *path,
            const SockJsonElement *old,
            const SockJsonElement *new)
{
  SockJsonChange change;

  if (ctx->diff->changes->len >= SOCK_JSON_DIFF_MAX_CHANGES)
    {
      ctx->diff->truncated = TRUE;
      return;
    }
  change.kind = kind;
  change.path = g_strdup (path != NULL && *path != '\0' ? path : _("(the whole value)"));
  change.old_value = value_text (ctx->a, old);
  change.new_value = value_text (ctx->b, new);
  g_array_append_val (ctx->diff->changes, change);
}

static char *
decoded_string (const char            *doc,
                const SockJsonElement *element)
{
  char *out = g_malloc (element->len + 1);

  sock_json_decode_string (doc, element, out);
  return out;
}

static gboolean
scalars_equal (Ctx                   *ctx,
               const SockJsonElement *x,
               const SockJsonElement *y)
{
  if (x->kind == SOCK_JSON_STRING && (x->has_escapes || y->has_escapes))
    {
      g_autofree char *dx = decoded_string (ctx->a, x);
      g_autofree char *dy = decoded_string (ctx->b, y);

      return g_strcmp0 (dx, dy) == 0;
    }
  /* numbers compare as written: 1.0 and 1 came as different text */
  return x->len == y->len && memcmp (ctx->a + x->offset, ctx->b + y->offset, x->len) == 0;
}

static gboolean
is_identifier (const char *key)
{
  if (*key == '\0' || g_ascii_isdigit (*key))
    return FALSE;
  for (const char *p = key; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

static char *
member_path (const char *path,
             const char *key)
{
  g_autofree char *escaped = NULL;

  if (is_identifier (key))
    return path != NULL && *path != '\0' ? g_strconcat (path, ".", key, NULL) : g_strdup (key);
  escaped = g_strescape (key, NULL);
  return g_strdup_printf ("%s[\"%s\"]", path != NULL ? path : "", escaped);
}

static void compare (Ctx *ctx, const char *path, const SockJsonElement *x, const SockJsonElement *y, guint depth);

/* Members of x's object compared with y's by key; keys only in y are added. */
static void
compare_objects (Ctx                   *ctx,
                 const char            *path,
                 const SockJsonElement *x,
                 const SockJsonElement *y,
                 guint                  depth)
{
  SockJsonIter iter;
  SockJsonElement key, value, other;

  sock_json_iter_init (&iter, ctx->a, x);
  while (!ctx->diff->truncated && sock_json_iter_next (&iter, &key, &value))
    {
      g_autofree char *name = decoded_string (ctx->a, &key);
      g_autofree char *child = member_path (path, name);

      if (sock_json_object_find_member (ctx->b + y->offset, y->len, name, &other))
        {
          other.offset += y->offset;
          compare (ctx, child, &value, &other, depth + 1);
        }
      else
        add_change (ctx, SOCK_JSON_DIFF_REMOVED, child, &value, NULL);
    }
  sock_json_iter_init (&iter, ctx->b, y);
  while (!ctx->diff->truncated && sock_json_iter_next (&iter, &key, &value))
    {
      g_autofree char *name = decoded_string (ctx->b, &key);

      if (!sock_json_object_find_member (ctx->a + x->offset, x->len, name, &other))
        {
          g_autofree char *child = member_path (path, name);

          add_change (ctx, SOCK_JSON_DIFF_ADDED, child, NULL, &value);
        }
      if (++ctx->diff->n_nodes > SOCK_JSON_DIFF_MAX_NODES)
        ctx->diff->truncated = TRUE;
    }
}

static void
compare_arrays (Ctx                   *ctx,
                const char            *path,
                const SockJsonElement *x,
                const SockJsonElement *y,
                guint                  depth)
{
  SockJsonIter ix, iy;
  SockJsonElement vx, vy;
  gboolean has_x, has_y;

  sock_json_iter_init (&ix, ctx->a, x);
  sock_json_iter_init (&iy, ctx->b, y);
  for (guint i = 0; !ctx->diff->truncated; i++)
    {
      g_autofree char *child = NULL;

      has_x = sock_json_iter_next (&ix, NULL, &vx);
      has_y = sock_json_iter_next (&iy, NULL, &vy);
      if (!has_x && !has_y)
        break;
      child = g_strdup_printf ("%s[%u]", path != NULL ? path : "", i);
      if (has_x && has_y)
        compare (ctx, child, &vx, &vy, depth + 1);
      else
        add_change (ctx, has_x ? SOCK_JSON_DIFF_REMOVED : SOCK_JSON_DIFF_ADDED, child, has_x ? &vx : NULL,
                    has_y ? &vy : NULL);
    }
}

static void
compare (Ctx                   *ctx,
         const char            *path,
         const SockJsonElement *x,
         const SockJsonElement *y,
         guint                  depth)
{
  gboolean container = x->kind == SOCK_JSON_OBJECT || x->kind == SOCK_JSON_ARRAY;

  if (++ctx->diff->n_nodes > SOCK_JSON_DIFF_MAX_NODES)
    {
      ctx->diff->truncated = TRUE;
      return;
    }
  if (x->kind != y->kind)
    return add_change (ctx, SOCK_JSON_DIFF_CHANGED, path, x, y);
  /* the same text is the same value, at any depth */
  if (x->len == y->len && memcmp (ctx->a + x->offset, ctx->b + y->offset, x->len) == 0)
    {
      ctx->diff->n_equal++;
      return;
    }
  if (container && depth >= SOCK_JSON_DIFF_MAX_DEPTH)
    return add_change (ctx, SOCK_JSON_DIFF_CHANGED, path, x, y);
  if (x->kind == SOCK_JSON_OBJECT)
    compare_objects (ctx, path, x, y, depth);
  else if (x->kind == SOCK_JSON_ARRAY)
    compare_arrays (ctx, path, x, y, depth);
  else if (scalars_equal (ctx, x, y))
    ctx->diff->n_equal++;
  else
    add_change (ctx, SOCK_JSON_DIFF_CHANGED, path, x, y);
}

static gboolean
root_element (const char       *json,
              gsize             len,
              SockJsonElement  *out,
              GError          **error)
{
  gsize at = 0, end = len;

  if (len > SOCK_JSON_DIFF_MAX_INPUT)
    {
      g_autofree char *size = sock_format_number (len);
      g_autofree char *max = sock_format_number (SOCK_JSON_DIFF_MAX_INPUT);

      /* TRANSLATORS: counts of bytes, "5,000,000" and "4,194,304" */
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE, _("Too large to compare: %s bytes (at most %s)"),
                   size, max);
      return FALSE;
    }
  if (!sock_json_validate (json, len, &out->kind, NULL, error))
    return FALSE;
  while (at < end && g_ascii_isspace (json[at]))
    at++;
  while (end > at && g_ascii_isspace (json[end - 1]))
    end--;
  out->offset = at;
  out->len = end - at;
  out->has_escapes = out->kind == SOCK_JSON_STRING && memchr (json + at, '\\', end - at) != NULL;
  return TRUE;
}

gboolean
sock_json_diff_add (SockJsonDiff  *self,
                    const char    *path,
                    const char    *old_json,
                    gsize          old_len,
                    const char    *new_json,
                    gsize          new_len,
                    GError       **error)
{
  SockJsonElement x, y;
  Ctx ctx = { self, old_json, new_json };

  g_return_val_if_fail (self != NULL, FALSE);

  if ((old_json != NULL && !root_element (old_json, old_len, &x, error)) ||
      (new_json != NULL && !root_element (new_json, new_len, &y, error)))
    return FALSE;
  if (old_json != NULL && new_json != NULL)
    compare (&ctx, path, &x, &y, 0);
  else if (old_json != NULL)
    add_change (&ctx, SOCK_JSON_DIFF_REMOVED, path, &x, NULL);
  else if (new_json != NULL)
    add_change (&ctx, SOCK_JSON_DIFF_ADDED, path, NULL, &y);
  return TRUE;
}

guint
sock_json_diff_get_n_changes (SockJsonDiff *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->changes->len;
}

const SockJsonChange *
sock_json_diff_get_change (SockJsonDiff *self,
                           guint         index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->changes->len, NULL);
  return &g_array_index (self->changes, SockJsonChange, index);
}

guint
sock_json_diff_get_n_equal (SockJsonDiff *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_equal;
}

gboolean
sock_json_diff_get_truncated (SockJsonDiff *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->truncated;
}

char *
sock_json_diff_to_text (SockJsonDiff *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->changes->len; i++)
    {
      const SockJsonChange *c = &g_array_index (self->changes, SockJsonChange, i);

      if (c->kind == SOCK_JSON_DIFF_ADDED)
        g_string_append_printf (out, "+ %s: %s\n", c->path, c->new_value);
      else if (c->kind == SOCK_JSON_DIFF_REMOVED)
        g_string_append_printf (out, "- %s: %s\n", c->path, c->old_value);
      else
        g_string_append_printf (out, "~ %s: %s → %s\n", c->path, c->old_value, c->new_value);
    }
  return g_string_free (out, FALSE);
}
