/* sock-profile.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  SOCK_TLS_VERIFY,    /* the system's trust store (default) */
  SOCK_TLS_CA_FILE,   /* trust the CAs in a PEM file, and only those */
  SOCK_TLS_PIN,       /* accept exactly one certificate, by SHA-256 fingerprint */
  SOCK_TLS_INSECURE,  /* accept any certificate */
} SockTlsPolicy;

#define SOCK_PROFILE_DEFAULT_MAX_MESSAGE_SIZE (16u * 1024u * 1024u)
#define SOCK_PROFILE_DEFAULT_CONNECT_TIMEOUT  15
/* Liveness: a WebSocket ping every 25 s (below the 60 s idle timeout of nginx and cloud load
 * balancers), answered within 10 s; WAMP answers within these deadlines (milliseconds). */
#define SOCK_PROFILE_DEFAULT_KEEPALIVE        25
#define SOCK_PROFILE_DEFAULT_PONG_TIMEOUT_MS  10000
#define SOCK_PROFILE_DEFAULT_JOIN_TIMEOUT_MS  10000
#define SOCK_PROFILE_DEFAULT_ACK_TIMEOUT_MS   10000
#define SOCK_PROFILE_DEFAULT_CALL_TIMEOUT_MS  60000
#define SOCK_PROFILE_MAX_TIMEOUT_MS           (24u * 3600u * 1000u)

#define SOCK_TYPE_PROFILE (sock_profile_get_type ())

G_DECLARE_FINAL_TYPE (SockProfile, sock_profile, SOCK, PROFILE, GObject)

SockProfile        *sock_profile_new                       (void);
SockProfile        *sock_profile_new_for_url               (const char     *url,
                                                            GError        **error);
SockProfile        *sock_profile_copy                      (SockProfile    *self);

const char         *sock_profile_get_url                   (SockProfile    *self);
gboolean            sock_profile_set_url                   (SockProfile    *self,
                                                            const char     *url,
                                                            GError        **error);

/* The subprotocols offered, in order. Default: "wamp.2.json", "wamp.2.msgpack", "wamp.2.cbor", "wamp".
 * An empty list offers none. */
const char * const *sock_profile_get_protocols             (SockProfile    *self);
gboolean            sock_profile_set_protocols             (SockProfile    *self,
                                                            const char * const *protocols,
                                                            GError        **error);

/* Extra request headers, as a flat NULL-terminated array: name, value, name, value, … */
const char * const *sock_profile_get_headers               (SockProfile    *self);
gboolean            sock_profile_add_header                (SockProfile    *self,
                                                            const char     *name,
                                                            const char     *value,
                                                            GError        **error);
/* Parses "Name: value". */
gboolean            sock_profile_add_header_line           (SockProfile    *self,
                                                            const char     *line,
                                                            GError        **error);
void                sock_profile_clear_headers             (SockProfile    *self);

const char         *sock_profile_get_origin                (SockProfile    *self);
gboolean            sock_profile_set_origin                (SockProfile    *self,
                                                            const char     *origin,
                                                            GError        **error);

SockTlsPolicy       sock_profile_get_tls_policy            (SockProfile    *self);
void                sock_profile_set_tls_policy            (SockProfile    *self,
                                                            SockTlsPolicy   policy);
const char         *sock_profile_get_ca_file               (SockProfile    *self);
/* Sets the policy to SOCK_TLS_CA_FILE; fails when the file cannot be read as PEM certificates. */
gboolean            sock_profile_set_ca_file               (SockProfile    *self,
                                                            const char     *path,
                                                            GError        **error);
/* The pin normalized to 64 lowercase hex digits. */
const char         *sock_profile_get_pin                   (SockProfile    *self);
/* Accepts 64 hex digits, optionally separated by colons, optionally prefixed "sha256:" or "sha256/".
 * Sets the policy to SOCK_TLS_PIN. */
gboolean            sock_profile_set_pin                   (SockProfile    *self,
                                                            const char     *pin,
                                                            GError        **error);

guint               sock_profile_get_connect_timeout       (SockProfile    *self);
void                sock_profile_set_connect_timeout       (SockProfile    *self,
                                                            guint           seconds);
guint64             sock_profile_get_max_message_size      (SockProfile    *self);
void                sock_profile_set_max_message_size      (SockProfile    *self,
                                                            guint64         bytes);
gboolean            sock_profile_get_deflate               (SockProfile    *self);
void                sock_profile_set_deflate               (SockProfile    *self,
                                                            gboolean        deflate);
/* Seconds between WebSocket pings; 0: no pings (default 25). */
guint               sock_profile_get_keepalive_interval    (SockProfile    *self);
void                sock_profile_set_keepalive_interval    (SockProfile    *self,
                                                            guint           seconds);
/* How long a ping may wait for its pong (or any frame) before the server counts as not
 * responding (default 10 s). */
guint               sock_profile_get_pong_timeout_ms       (SockProfile    *self);
void                sock_profile_set_pong_timeout_ms       (SockProfile    *self,
                                                            guint           ms);
/* WAMP deadlines; 0: wait for ever. Join: HELLO (or the open, WAMP v1) to WELCOME, ABORT or
 * CHALLENGE, and AUTHENTICATE to WELCOME or ABORT. Acknowledgements: SUBSCRIBED, UNSUBSCRIBED,
 * REGISTERED, UNREGISTERED, PUBLISHED (acknowledged PUBLISH) and the answer to GOODBYE. Call: a
 * call's RESULT or ERROR unless the caller gives its own deadline. */
guint               sock_profile_get_join_timeout_ms       (SockProfile    *self);
void                sock_profile_set_join_timeout_ms       (SockProfile    *self,
                                                            guint           ms);
guint               sock_profile_get_ack_timeout_ms        (SockProfile    *self);
void                sock_profile_set_ack_timeout_ms        (SockProfile    *self,
                                                            guint           ms);
guint               sock_profile_get_call_timeout_ms       (SockProfile    *self);
void                sock_profile_set_call_timeout_ms       (SockProfile    *self,
                                                            guint           ms);

/* Checks the whole profile (URL, headers, Origin, TLS files) and says what to fix. */
gboolean            sock_profile_validate                  (SockProfile    *self,
                                                            GError        **error);

/* Helpers shared with the diagnosis and the UI. */
gboolean            sock_url_is_secure                     (const char     *url);
/* rs://, rss:// (WAMP RawSocket over TCP, TLS) and unix:///path (over a Unix socket). */
gboolean            sock_url_is_rawsocket                  (const char     *url);
gboolean            sock_url_is_unix                       (const char     *url);
/* The Origin a browser page served from the same host would send: ws://h:p/x -> http://h:p */
char               *sock_url_guess_origin                  (const char     *url);

G_END_DECLS
