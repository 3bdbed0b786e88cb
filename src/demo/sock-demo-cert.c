/* sock-demo-cert.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sock-demo-cert.h"

#include <gio/gio.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#define VALID_BEFORE_NOW (60 * 60)
#define VALID_DAYS 30
#define P256_BITS GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1)

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crt_t, gnutls_x509_crt_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_privkey_t, gnutls_x509_privkey_deinit, NULL)

void
sock_demo_cert_free (SockDemoCert *cert)
{
  if (cert == NULL)
    return;

  g_free (cert->cert_pem);
  g_free (cert->key_pem);
  g_free (cert->sha256);
  g_free (cert);
}

static gboolean
check (int          ret,
       const char  *what,
       GError     **error)
{
  if (ret >= 0)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               "Could not make the demo certificate (%s): %s", what, gnutls_strerror (ret));
  return FALSE;
}

static int
add_ip_san (gnutls_x509_crt_t  crt,
            const char        *text)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (text);

  return gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_IPADDRESS,
                                               g_inet_address_to_bytes (address),
                                               g_inet_address_get_native_size (address),
                                               GNUTLS_FSAN_APPEND);
}

static gboolean
set_names (gnutls_x509_crt_t   crt,
           GError            **error)
{
  static const char cn[] = "Sockscope demo";
  static const char dns[] = "localhost";

  return check (gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0,
                                               cn, strlen (cn)), "subject", error)
      && check (gnutls_x509_crt_set_issuer_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0,
                                                      cn, strlen (cn)), "issuer", error)
      && check (gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_DNSNAME, dns, strlen (dns),
                                                      GNUTLS_FSAN_SET), "DNS name", error)
      && check (add_ip_san (crt, "127.0.0.1"), "IPv4 address", error)
      && check (add_ip_san (crt, "::1"), "IPv6 address", error);
}

static gboolean
set_validity (gnutls_x509_crt_t   crt,
              GError            **error)
{
  time_t now = time (NULL);
  guint8 serial[16];

  /* A positive, non-zero 128-bit serial, as RFC 5280 asks. */
  if (!check (gnutls_rnd (GNUTLS_RND_NONCE, serial, sizeof serial), "serial", error))
    return FALSE;
  serial[0] = (serial[0] & 0x7f) | 0x01;

  return check (gnutls_x509_crt_set_version (crt, 3), "version", error)
      && check (gnutls_x509_crt_set_serial (crt, serial, sizeof serial), "serial", error)
      && check (gnutls_x509_crt_set_activation_time (crt, now - VALID_BEFORE_NOW),
                "activation", error)
      && check (gnutls_x509_crt_set_expiration_time (crt, now + VALID_DAYS * 24 * 60 * 60),
                "expiration", error);
}

static gboolean
set_usage (gnutls_x509_crt_t   crt,
           GError            **error)
{
  return check (gnutls_x509_crt_set_basic_constraints (crt, 0, -1), "constraints", error)
      && check (gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_DIGITAL_SIGNATURE),
                "key usage", error)
      && check (gnutls_x509_crt_set_key_purpose_oid (crt, GNUTLS_KP_TLS_WWW_SERVER, 0),
                "purpose", error);
}

static char *
export_datum (int              ret,
              gnutls_datum_t  *datum,
              const char      *what,
              GError         **error)
{
  char *text;

  if (!check (ret, what, error))
    return NULL;

  text = g_strndup ((const char *) datum->data, datum->size);
  gnutls_free (datum->data);
  return text;
}

static char *
dup_fingerprint (gnutls_x509_crt_t   crt,
                 GError            **error)
{
  guint8 digest[32];
  size_t size = sizeof digest;
  GString *hex;

  if (!check (gnutls_x509_crt_get_fingerprint (crt, GNUTLS_DIG_SHA256, digest, &size),
              "fingerprint", error))
    return NULL;

  hex = g_string_sized_new (2 * size + 1);
  for (gsize i = 0; i < size; i++)
    g_string_append_printf (hex, "%02x", digest[i]);
  return g_string_free (hex, FALSE);
}

SockDemoCert *
sock_demo_cert_generate (GError **error)
{
  g_auto(gnutls_x509_privkey_t) key = NULL;
  g_auto(gnutls_x509_crt_t) crt = NULL;
  g_autoptr(SockDemoCert) cert = g_new0 (SockDemoCert, 1);
  gnutls_datum_t datum;

  if (!check (gnutls_x509_privkey_init (&key), "key", error)
      || !check (gnutls_x509_privkey_generate (key, GNUTLS_PK_ECDSA, P256_BITS, 0), "key", error)
      || !check (gnutls_x509_crt_init (&crt), "certificate", error)
      || !check (gnutls_x509_crt_set_key (crt, key), "certificate key", error)
      || !set_names (crt, error)
      || !set_validity (crt, error)
      || !set_usage (crt, error)
      || !check (gnutls_x509_crt_sign2 (crt, crt, key, GNUTLS_DIG_SHA256, 0), "signature", error))
    return NULL;

  cert->cert_pem = export_datum (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &datum),
                                 &datum, "certificate export", error);
  if (cert->cert_pem == NULL)
    return NULL;

  cert->key_pem = export_datum (gnutls_x509_privkey_export2_pkcs8 (key, GNUTLS_X509_FMT_PEM, NULL,
                                                                   GNUTLS_PKCS_PLAIN, &datum),
                                &datum, "key export", error);
  if (cert->key_pem == NULL)
    return NULL;

  cert->sha256 = dup_fingerprint (crt, error);
  if (cert->sha256 == NULL)
    return NULL;

  return g_steal_pointer (&cert);
}
