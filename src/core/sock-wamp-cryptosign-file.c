/* sock-wamp-cryptosign-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading the cryptosign key files people have (see sock-wamp-cryptosign.h).
 * Every buffer that held key material is wiped before it is freed.
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <gnutls/gnutls.h>
#include <string.h>

#include "sock-error.h"
#include "sock-wamp-cryptosign-private.h"

#define SEED SOCK_WAMP_CRYPTOSIGN_SEED_SIZE
#define OPENSSH_BEGIN "-----BEGIN OPENSSH PRIVATE KEY-----"
#define OPENSSH_END "-----END OPENSSH PRIVATE KEY-----"
#define OPENSSH_MAGIC "openssh-key-v1"  /* and a NUL */

static gboolean
invalid (GError    **error,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError    **error,
         const char *format,
         ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;
  va_start (args, format);
  *error = g_error_new_valist (SOCK_ERROR, SOCK_ERROR_INVALID_VALUE, format, args);
  va_end (args);
  return FALSE;
}

/* memmem() for text that may hold NULs. */
static const char *
find (const char *data,
      gsize       len,
      const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; n <= len && i <= len - n; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, n) == 0)
      return data + i;
  return NULL;
}

gboolean
_sock_wamp_cryptosign_unhex (const char *hex,
                             gsize       len,
                             guint8     *out)
{
  if (len % 2 != 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (hex[i]))
      return FALSE;
  for (gsize i = 0; i < len / 2; i++)
    out[i] = (g_ascii_xdigit_value (hex[2 * i]) << 4) | g_ascii_xdigit_value (hex[2 * i + 1]);
  return TRUE;
}

/* 64 hex digits, anywhere between '#' comments and whitespace. */
static gboolean
parse_hex (const char *data,
           gsize       len,
           guint8     *seed,
           GError    **error)
{
  char digits[2 * SEED];
  gsize n = 0;
  guint line = 1;
  gboolean ok;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (c == '#')
        while (i + 1 < len && data[i + 1] != '\n')
          i++;
      else if (c == '\n')
        line++;
      else if (g_ascii_isspace (c))
        continue;
      else if (!g_ascii_isxdigit (c))
        {
          gnutls_memset (digits, 0, sizeof digits);
          return invalid (error, _("Line %u of the key file holds something other than hex digits: a cryptosign "
                                   "key file holds the 32-byte private key as 64 hex digits, or is an OpenSSH "
                                   "ed25519 private key"), line);
        }
      else if (n == sizeof digits)
        {
          gnutls_memset (digits, 0, sizeof digits);
          return invalid (error, _("The key file holds more than 64 hex digits: a cryptosign private key is "
                                   "32 bytes, 64 hex digits"));
        }
      else
        digits[n++] = c;
    }
  if (n != sizeof digits)
    {
      gnutls_memset (digits, 0, sizeof digits);
      return invalid (error, _("The key file holds %zu hex digits: a cryptosign private key is "
                               "32 bytes, 64 hex digits"), n);
    }
  ok = _sock_wamp_cryptosign_unhex (digits, n, seed);
  gnutls_memset (digits, 0, sizeof digits);
  return ok;
}

/* The value of a "tag: HEX" line (Crossbar.io and Autobahn key files). */
static gboolean
tag_value (const char *data,
           gsize       len,
           const char *tag,
           guint8     *out,
           gboolean   *found,
           GError    **error)
{
  const char *at = find (data, len, tag), *end = data + len, *value, *stop;

  *found = FALSE;
  if (at == NULL)
    return TRUE;
  value = at + strlen (tag);
  while (value < end && (*value == ' ' || *value == '\t'))
    value++;
  if (value == end || *value != ':')
    return TRUE;
  for (value++; value < end && (*value == ' ' || *value == '\t'); value++)
    ;
  for (stop = value; stop < end && g_ascii_isxdigit (*stop); stop++)
    ;
  if (stop - value != 2 * SEED || !_sock_wamp_cryptosign_unhex (value, 2 * SEED, out))
    return invalid (error, _("The key file's “%s” is not 64 hex digits"), tag);
  *found = TRUE;
  return TRUE;
}

typedef struct
{
  const guint8 *p;
  gsize         left;
} Packet;

static gboolean
get_u32 (Packet  *packet,
         guint32 *value)
{
  if (packet->left < 4)
    return FALSE;
  *value = ((guint32) packet->p[0] << 24) | (packet->p[1] << 16) | (packet->p[2] << 8) | packet->p[3];
  packet->p += 4;
  packet->left -= 4;
  return TRUE;
}

static gboolean
get_string (Packet        *packet,
            const guint8 **data,
            guint32       *len)
{
  if (!get_u32 (packet, len) || *len > packet->left)
    return FALSE;
  *data = packet->p;
  packet->p += *len;
  packet->left -= *len;
  return TRUE;
}

static gboolean
is_string (const guint8 *data,
           guint32       len,
           const char   *expected)
{
  return len == strlen (expected) && memcmp (data, expected, len) == 0;
}

/* The private section: check ints, key type, public key, seed || public key. */
static gboolean
parse_openssh_private (Packet  *packet,
                       guint8  *seed,
                       guint8  *public_key,
                       GError **error)
{
  const guint8 *type, *pub, *priv;
  guint32 check1, check2, type_len, pub_len, priv_len;

  if (!get_u32 (packet, &check1) || !get_u32 (packet, &check2) || !get_string (packet, &type, &type_len))
    return invalid (error, _("The OpenSSH private key is cut short"));
  if (check1 != check2)
    return invalid (error, _("The OpenSSH private key is damaged (its check numbers differ)"));
  if (!is_string (type, type_len, "ssh-ed25519"))
    return invalid (error, _("The OpenSSH key is not an ed25519 key: cryptosign needs ed25519 "
                             "(ssh-keygen -t ed25519)"));
  if (!get_string (packet, &pub, &pub_len) || !get_string (packet, &priv, &priv_len))
    return invalid (error, _("The OpenSSH private key is cut short"));
  if (pub_len != 32 || priv_len != 64 || memcmp (priv + SEED, pub, 32) != 0)
    return invalid (error, _("The OpenSSH ed25519 key is damaged (its parts have the wrong size or disagree)"));
  memcpy (seed, priv, SEED);
  memcpy (public_key, pub, 32);
  return TRUE;
}

static gboolean
parse_openssh_blob (const guint8 *blob,
                    gsize         len,
                    guint8       *seed,
                    guint8       *public_key,
                    GError      **error)
{
  Packet packet = { blob, len };
  const guint8 *cipher, *kdf, *skip, *section;
  guint32 cipher_len, kdf_len, skip_len, n_keys, section_len;

  if (len < sizeof OPENSSH_MAGIC || memcmp (blob, OPENSSH_MAGIC, sizeof OPENSSH_MAGIC) != 0)
    return invalid (error, _("The OpenSSH private key is not in the openssh-key-v1 format"));
  packet.p += sizeof OPENSSH_MAGIC;
  packet.left -= sizeof OPENSSH_MAGIC;
  if (!get_string (&packet, &cipher, &cipher_len) || !get_string (&packet, &kdf, &kdf_len) ||
      !get_string (&packet, &skip, &skip_len) || !get_u32 (&packet, &n_keys))
    return invalid (error, _("The OpenSSH private key is cut short"));
  if (!is_string (cipher, cipher_len, "none") || !is_string (kdf, kdf_len, "none"))
    return invalid (error, _("The OpenSSH private key is protected by a passphrase, which Sockscope cannot "
                             "ask for: use a key without one (ssh-keygen -p -N \"\" -f FILE on a copy)"));
  if (n_keys != 1)
    return invalid (error, _("The OpenSSH key file holds %u keys; cryptosign needs a file with one"), n_keys);
  if (!get_string (&packet, &skip, &skip_len) || !get_string (&packet, &section, &section_len))
    return invalid (error, _("The OpenSSH private key is cut short"));
  {
    Packet private = { section, section_len };

    return parse_openssh_private (&private, seed, public_key, error);
  }
}

static gboolean
parse_openssh (const char *data,
               gsize       len,
               guint8     *seed,
               guint8     *public_key,
               GError    **error)
{
  const char *begin = find (data, len, OPENSSH_BEGIN) + strlen (OPENSSH_BEGIN);
  const char *end = find (begin, data + len - begin, OPENSSH_END);
  g_autofree char *text = NULL;
  guint8 *blob;
  gsize n = 0, blob_len;
  gboolean ok;

  if (end == NULL)
    return invalid (error, _("The OpenSSH private key is cut short (no END line)"));
  text = g_malloc (end - begin + 1);
  for (const char *p = begin; p < end; p++)
    if (g_ascii_isalnum (*p) || *p == '+' || *p == '/' || *p == '=')
      text[n++] = *p;
    else if (!g_ascii_isspace (*p))
      {
        gnutls_memset (text, 0, n);
        return invalid (error, _("The OpenSSH private key holds characters that are not base64"));
      }
  text[n] = '\0';
  if (n < 4)
    return invalid (error, _("The OpenSSH private key is cut short"));
  blob = g_base64_decode_inplace (text, &blob_len);
  ok = parse_openssh_blob (blob, blob_len, seed, public_key, error);
  gnutls_memset (text, 0, n);
  return ok;
}

/* 32 bytes that are not text: a raw seed, as Autobahn writes with os.urandom(32). */
static gboolean
is_raw_seed (const char *data,
             gsize       len)
{
  if (len != SEED)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isprint (data[i]) && !g_ascii_isspace (data[i]))
      return TRUE;
  return FALSE;
}

gboolean
_sock_wamp_cryptosign_parse_key (const char *data,
                                 gsize       len,
                                 guint8     *seed,
                                 guint8     *public_key,
                                 gboolean   *has_public_key,
                                 GError    **error)
{
  gboolean found;

  memset (public_key, 0, 32);
  *has_public_key = FALSE;
  if (len == 0)
    return invalid (error, _("The key file is empty"));
  if (len > SOCK_WAMP_CRYPTOSIGN_MAX_FILE_SIZE)
    return invalid (error, _("The key file is larger than any cryptosign key file"));
  if (find (data, len, OPENSSH_BEGIN) != NULL)
    return (*has_public_key = parse_openssh (data, len, seed, public_key, error));
  if (find (data, len, "-----BEGIN") != NULL)
    return invalid (error, _("The key file is a PEM file but not an OpenSSH private key: give the 64 hex "
                             "digits of the private key, or an OpenSSH ed25519 private key"));
  if (len >= 12 && memcmp (data, "ssh-ed25519 ", 12) == 0)
    return invalid (error, _("The key file holds an OpenSSH public key: give the private key file (without .pub)"));
  if (is_raw_seed (data, len))
    {
      memcpy (seed, data, SEED);
      return TRUE;
    }
  if (!tag_value (data, len, "private-key-ed25519", seed, &found, error))
    return FALSE;
  if (found)
    return tag_value (data, len, "public-key-ed25519", public_key, has_public_key, error);
  if (find (data, len, "public-key-ed25519") != NULL)
    return invalid (error, _("The key file holds only a public key: give the file with the private key"));
  return parse_hex (data, len, seed, error);
}
