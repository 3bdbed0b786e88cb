/* sock-message-filter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sock-message-filter.h"

struct _SockMessageFilter
{
  GObject parent_instance;

  char *text;
  /* text in ASCII lower case, what the search compares against */
  char *needle;
  gsize needle_len;
  char *pattern;
  GRegex *regex;
  guint32 types[256 / 32];
  gboolean has_types;
  guint directions;
  char *uri_prefix;
  gsize uri_prefix_len;
};

G_DEFINE_FINAL_TYPE (SockMessageFilter, sock_message_filter, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (SockMessageFilter *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

SockMessageFilter *
sock_message_filter_new (void)
{
  return g_object_new (SOCK_TYPE_MESSAGE_FILTER, NULL);
}

void
sock_message_filter_set_text (SockMessageFilter *self,
                              const char        *text)
{
  g_return_if_fail (SOCK_IS_MESSAGE_FILTER (self));

  if (text != NULL && text[0] == '\0')
    text = NULL;
  if (g_strcmp0 (text, self->text) == 0 && self->regex == NULL)
    return;

  g_clear_pointer (&self->regex, g_regex_unref);
  g_clear_pointer (&self->pattern, g_free);
  g_free (self->text);
  g_free (self->needle);
  self->text = g_strdup (text);
  self->needle = text != NULL ? g_ascii_strdown (text, -1) : NULL;
  self->needle_len = text != NULL ? strlen (text) : 0;
  emit_changed (self);
}

const char *
sock_message_filter_get_text (SockMessageFilter *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_FILTER (self), NULL);
  return self->text;
}

gboolean
sock_message_filter_set_regex (SockMessageFilter  *self,
                               const char         *pattern,
                               GError            **error)
{
  GRegex *regex = NULL;

  g_return_val_if_fail (SOCK_IS_MESSAGE_FILTER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (pattern != NULL && pattern[0] != '\0')
    {
      /* RAW: payloads are bytes and may not be valid UTF-8. */
      regex = g_regex_new (pattern, G_REGEX_RAW | G_REGEX_OPTIMIZE, 0, error);
      if (regex == NULL)
        return FALSE;
    }

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->needle, g_free);
  self->needle_len = 0;
  g_clear_pointer (&self->regex, g_regex_unref);
  g_free (self->pattern);
  self->regex = regex;
  self->pattern = regex != NULL ? g_strdup (pattern) : NULL;
  emit_changed (self);
  return TRUE;
}

const char *
sock_message_filter_get_regex (SockMessageFilter *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_FILTER (self), NULL);
  return self->pattern;
}

void
sock_message_filter_set_uri_prefix (SockMessageFilter *self,
                                    const char        *prefix)
{
  g_return_if_fail (SOCK_IS_MESSAGE_FILTER (self));

  if (prefix != NULL && prefix[0] == '\0')
    prefix = NULL;
  if (g_strcmp0 (prefix, self->uri_prefix) == 0)
    return;
  g_free (self->uri_prefix);
  self->uri_prefix = g_strdup (prefix);
  self->uri_prefix_len = prefix != NULL ? strlen (prefix) : 0;
  emit_changed (self);
}

const char *
sock_message_filter_get_uri_prefix (SockMessageFilter *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_FILTER (self), NULL);
  return self->uri_prefix;
}

/* The record's URI is the prefix or continues it after a dot. */
static gboolean
match_uri_prefix (SockMessageFilter *self,
                  SockMessageLog    *log,
                  guint32            index)
{
  const char *uri = index != 0 && log != NULL ? sock_message_log_get_uri (log, index) : NULL;

  return uri != NULL && strncmp (uri, self->uri_prefix, self->uri_prefix_len) == 0
         && (uri[self->uri_prefix_len] == '\0' || uri[self->uri_prefix_len] == '.');
}

void
sock_message_filter_add_type (SockMessageFilter *self,
                              guint8             type)
{
  g_return_if_fail (SOCK_IS_MESSAGE_FILTER (self));

  if (sock_message_filter_has_type (self, type) && self->has_types)
    return;
  self->types[type / 32] |= 1u << (type % 32);
  self->has_types = TRUE;
  emit_changed (self);
}

void
sock_message_filter_clear_types (SockMessageFilter *self)
{
  g_return_if_fail (SOCK_IS_MESSAGE_FILTER (self));

  if (!self->has_types)
    return;
  memset (self->types, 0, sizeof self->types);
  self->has_types = FALSE;
  emit_changed (self);
}

gboolean
sock_message_filter_has_type (SockMessageFilter *self,
                              guint8             type)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_FILTER (self), FALSE);
  return !self->has_types || (self->types[type / 32] & (1u << (type % 32))) != 0;
}

void
sock_message_filter_set_directions (SockMessageFilter *self,
                                    guint              mask)
{
  g_return_if_fail (SOCK_IS_MESSAGE_FILTER (self));

  if (self->directions == mask)
    return;
  self->directions = mask;
  emit_changed (self);
}

guint
sock_message_filter_get_directions (SockMessageFilter *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_FILTER (self), 0);
  return self->directions;
}

gboolean
sock_message_filter_is_empty (SockMessageFilter *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_FILTER (self), TRUE);
  return self->needle == NULL && self->regex == NULL && !self->has_types && self->directions == 0
         && self->uri_prefix == NULL;
}

/* Case-insensitive for ASCII only: a full Unicode case fold of every payload would cost
 * an allocation per row. */
static gboolean
contains_ascii_nocase (const guint8 *hay,
                       gsize         hay_len,
                       const char   *needle,
                       gsize         needle_len)
{
  if (needle_len > hay_len)
    return FALSE;

  for (gsize i = 0; i + needle_len <= hay_len; i++)
    {
      gsize j = 0;

      while (j < needle_len && g_ascii_tolower (hay[i + j]) == (guchar) needle[j])
        j++;
      if (j == needle_len)
        return TRUE;
    }
  return FALSE;
}

static gboolean
match_bytes (SockMessageFilter *self,
             const guint8      *bytes,
             gsize              len)
{
  if (bytes == NULL)
    return FALSE;
  if (self->regex != NULL)
    return g_regex_match_full (self->regex, (const char *) bytes, len, 0, 0, NULL, NULL);
  return contains_ascii_nocase (bytes, len, self->needle, self->needle_len);
}

gboolean
sock_message_filter_match (SockMessageFilter  *self,
                           SockMessageLog     *log,
                           const SockLogEntry *entry,
                           const guint8       *raw,
                           gsize               len)
{
  const char *uri;

  g_return_val_if_fail (SOCK_IS_MESSAGE_FILTER (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  if (self->directions != 0 && (self->directions & (1u << entry->direction)) == 0)
    return FALSE;
  if (!sock_message_filter_has_type (self, entry->type))
    return FALSE;
  if (self->uri_prefix != NULL && !match_uri_prefix (self, log, entry->uri))
    return FALSE;
  if (self->needle == NULL && self->regex == NULL)
    return TRUE;

  uri = log != NULL ? sock_message_log_get_uri (log, entry->uri) : NULL;
  if (uri != NULL && match_bytes (self, (const guint8 *) uri, strlen (uri)))
    return TRUE;
  if (entry->flags & SOCK_LOG_FLAG_SERIALIZED)
    {
      /* searched as the JSON the list shows, not as MessagePack or CBOR bytes */
      g_autofree char *json = sock_log_entry_dup_json (entry, raw, len, NULL);

      if (json != NULL)
        return match_bytes (self, (const guint8 *) json, strlen (json));
    }
  return match_bytes (self, raw, len);
}

gboolean
sock_message_filter_match_seq (SockMessageFilter *self,
                               SockMessageLog    *log,
                               guint64            seq)
{
  SockLogEntry entry;
  const guint8 *raw;
  gsize len;

  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (log), FALSE);

  if (!sock_message_log_peek (log, seq, &entry, &raw, &len))
    return FALSE;
  return sock_message_filter_match (self, log, &entry, raw, len);
}

static void
sock_message_filter_finalize (GObject *object)
{
  SockMessageFilter *self = (SockMessageFilter *)object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->needle, g_free);
  g_clear_pointer (&self->pattern, g_free);
  g_clear_pointer (&self->regex, g_regex_unref);
  g_clear_pointer (&self->uri_prefix, g_free);

  G_OBJECT_CLASS (sock_message_filter_parent_class)->finalize (object);
}

static void
sock_message_filter_class_init (SockMessageFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sock_message_filter_finalize;

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
sock_message_filter_init (SockMessageFilter *self)
{
}
