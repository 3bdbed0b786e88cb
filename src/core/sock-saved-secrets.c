/* sock-saved-secrets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sock-saved-secrets.h"
#include "sock-secrets.h"

#define SLOT_AUTH "auth"
#define SLOT_HEADER "header:"
#define SLOT_QUERY "query:"

void
sock_saved_secret_free (SockSavedSecret *secret)
{
  if (secret == NULL)
    return;
  g_free (secret->slot);
  if (secret->value != NULL)
    memset (secret->value, 0, strlen (secret->value));
  g_free (secret->value);
  g_free (secret->description);
  g_free (secret);
}

static void
add_secret (GPtrArray  *secrets,
            char       *slot,
            const char *value,
            char       *description)
{
  SockSavedSecret *secret = g_new0 (SockSavedSecret, 1);

  secret->slot = slot;
  secret->value = g_strdup (value);
  secret->description = description;
  g_ptr_array_add (secrets, secret);
}

/* Calls func for each secret query parameter of url: its name and where its value starts and
 * ends in url. */
typedef void (*QueryFunc) (const char *url,
                           gsize       name_start,
                           gsize       name_len,
                           gsize       value_start,
                           gsize       value_len,
                           gpointer    data);

static void
foreach_secret_param (const char *url,
                      QueryFunc   func,
                      gpointer    data)
{
  const char *query = url ? strchr (url, '?') : NULL;
  gsize end;

  if (query == NULL)
    return;
  end = strcspn (url, "#");
  for (gsize pos = query - url + 1; pos < end; )
    {
      gsize pair_len = strcspn (url + pos, "&#");
      gsize name_len = strcspn (url + pos, "=&#");

      if (name_len < pair_len && sock_secret_is_param (url + pos, name_len))
        func (url, pos, name_len, pos + name_len + 1, pair_len - name_len - 1, data);
      pos += pair_len + 1;
    }
}

static void
collect_param (const char *url,
               gsize       name_start,
               gsize       name_len,
               gsize       value_start,
               gsize       value_len,
               gpointer    data)
{
  g_autofree char *name = g_strndup (url + name_start, name_len);
  g_autofree char *value = g_strndup (url + value_start, value_len);

  if (value_len == 0)
    return;
  /* TRANSLATORS: a keyring label part, e.g. "ticket in the URL" */
  add_secret (data, g_strconcat (SLOT_QUERY, name, NULL), value, g_strdup_printf (_("%s in the URL"), name));
}

static const char *
auth_description (SockConnectOptions *options)
{
  switch (sock_connect_options_get_auth_method (options))
    {
    case SOCK_AUTH_TICKET:
      return _("ticket");
    case SOCK_AUTH_CRYPTOSIGN:
      /* TRANSLATORS: a keyring label part: the key's text is kept there, never in the file */
      return _("Cryptosign private key");
    case SOCK_AUTH_WAMPCRA:
    case SOCK_AUTH_ANONYMOUS:
    default:
      return _("WAMP-CRA secret");
    }
}

/* Whether the authentication's secret comes from the keyring: not for anonymous, nor for a
 * Cryptosign key read from its file. */
static gboolean
auth_needs_secret (SockConnectOptions *options)
{
  SockAuthMethod method = sock_connect_options_get_auth_method (options);

  return method != SOCK_AUTH_ANONYMOUS
         && !(method == SOCK_AUTH_CRYPTOSIGN && sock_connect_options_get_private_key_file (options) != NULL);
}

GPtrArray *
sock_saved_secrets_collect (SockConnectOptions *options)
{
  GPtrArray *secrets = g_ptr_array_new_with_free_func ((GDestroyNotify) sock_saved_secret_free);
  SockProfile *profile;
  const char * const *headers;
  const char *secret;

  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (options), secrets);

  profile = sock_connect_options_get_profile (options);
  secret = sock_connect_options_get_secret (options);
  if (sock_connect_options_get_auth_method (options) != SOCK_AUTH_ANONYMOUS && secret != NULL)
    add_secret (secrets, g_strdup (SLOT_AUTH), secret, g_strdup (auth_description (options)));

  headers = sock_profile_get_headers (profile);
  for (guint i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    if (sock_header_is_credential (headers[i]) && *headers[i + 1] != '\0')
      add_secret (secrets, g_strconcat (SLOT_HEADER, headers[i], NULL), headers[i + 1],
                  /* TRANSLATORS: a keyring label part, e.g. "Authorization header" */
                  g_strdup_printf (_("%s header"), headers[i]));

  foreach_secret_param (sock_profile_get_url (profile), collect_param, secrets);
  return secrets;
}

static void
list_empty_param (const char *url,
                  gsize       name_start,
                  gsize       name_len,
                  gsize       value_start,
                  gsize       value_len,
                  gpointer    data)
{
  g_autofree char *name = g_strndup (url + name_start, name_len);

  g_autofree char *slot = g_strconcat (SLOT_QUERY, name, NULL);

  if (value_len == 0)
    g_strv_builder_add (data, slot);
}

GStrv
sock_saved_secrets_list_missing (SockConnectOptions *options)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  SockProfile *profile;
  const char * const *headers;

  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (options), NULL);

  profile = sock_connect_options_get_profile (options);
  if (auth_needs_secret (options) && sock_connect_options_get_secret (options) == NULL)
    g_strv_builder_add (builder, SLOT_AUTH);
  headers = sock_profile_get_headers (profile);
  for (guint i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    if (sock_header_is_credential (headers[i]) && *headers[i + 1] == '\0')
      {
        g_autofree char *slot = g_strconcat (SLOT_HEADER, headers[i], NULL);

        g_strv_builder_add (builder, slot);
      }
  foreach_secret_param (sock_profile_get_url (profile), list_empty_param, builder);
  return g_strv_builder_end (builder);
}

/* Rebuilds the headers with value for the credential header name (or with every credential
 * emptied when name is NULL). */
static gboolean
replace_headers (SockProfile *profile,
                 const char  *name,
                 const char  *value)
{
  g_auto(GStrv) headers = g_strdupv ((char **) sock_profile_get_headers (profile));
  gboolean found = FALSE;

  sock_profile_clear_headers (profile);
  for (guint i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    {
      const char *now = headers[i + 1];

      if (sock_header_is_credential (headers[i]) && (name == NULL || g_ascii_strcasecmp (name, headers[i]) == 0))
        {
          now = name ? value : "";
          found = TRUE;
        }
      /* a value from the keyring with a line break is refused: the header stays empty */
      if (!sock_profile_add_header (profile, headers[i], now, NULL))
        sock_profile_add_header (profile, headers[i], "", NULL);
    }
  return found;
}

typedef struct
{
  GString    *out;
  gsize       copied;
  const char *name;    /* NULL: every secret parameter */
  const char *value;
  gboolean    found;
} Replace;

static void
replace_param (const char *url,
               gsize       name_start,
               gsize       name_len,
               gsize       value_start,
               gsize       value_len,
               gpointer    data)
{
  Replace *replace = data;

  if (replace->name != NULL &&
      (strlen (replace->name) != name_len || strncmp (url + name_start, replace->name, name_len) != 0))
    return;
  g_string_append_len (replace->out, url + replace->copied, value_start - replace->copied);
  if (replace->name != NULL)
    g_string_append (replace->out, replace->value);
  replace->copied = value_start + value_len;
  replace->found = TRUE;
}

static char *
replace_url_params (const char *url,
                    const char *name,
                    const char *value,
                    gboolean   *found)
{
  Replace replace = { g_string_new (NULL), 0, name, value, FALSE };

  foreach_secret_param (url, replace_param, &replace);
  g_string_append (replace.out, url + replace.copied);
  if (found != NULL)
    *found = replace.found;
  return g_string_free (replace.out, FALSE);
}

char *
sock_saved_secrets_strip_url (const char *url)
{
  g_return_val_if_fail (url != NULL, NULL);

  return replace_url_params (url, NULL, NULL, NULL);
}

gboolean
sock_saved_secrets_fill (SockConnectOptions *options,
                         const char         *slot,
                         const char         *value)
{
  SockProfile *profile;

  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (options), FALSE);
  g_return_val_if_fail (slot != NULL && value != NULL, FALSE);

  profile = sock_connect_options_get_profile (options);
  if (g_str_equal (slot, SLOT_AUTH))
    {
      if (sock_connect_options_get_auth_method (options) == SOCK_AUTH_ANONYMOUS)
        return FALSE;
      sock_connect_options_set_auth (options, sock_connect_options_get_auth_method (options),
                                     sock_connect_options_get_authid (options), value);
      return TRUE;
    }
  if (g_str_has_prefix (slot, SLOT_HEADER))
    return replace_headers (profile, slot + strlen (SLOT_HEADER), value);
  if (g_str_has_prefix (slot, SLOT_QUERY) && sock_profile_get_url (profile) != NULL)
    {
      gboolean found = FALSE;
      g_autofree char *url = replace_url_params (sock_profile_get_url (profile), slot + strlen (SLOT_QUERY),
                                                 value, &found);

      /* a value that would make the URL invalid is not put in */
      return found && sock_connect_options_set_url (options, url, NULL);
    }
  return FALSE;
}

void
sock_saved_secrets_strip (SockConnectOptions *options)
{
  SockProfile *profile;

  g_return_if_fail (SOCK_IS_CONNECT_OPTIONS (options));

  profile = sock_connect_options_get_profile (options);
  sock_connect_options_set_auth (options, sock_connect_options_get_auth_method (options),
                                 sock_connect_options_get_authid (options), NULL);
  replace_headers (profile, NULL, NULL);
  if (sock_profile_get_url (profile) != NULL)
    {
      g_autofree char *url = sock_saved_secrets_strip_url (sock_profile_get_url (profile));

      sock_connect_options_set_url (options, url, NULL);
    }
}
