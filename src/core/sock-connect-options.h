/* sock-connect-options.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What to connect to, in one place: the transport (a SockProfile: URL, offered subprotocols,
 * headers, Origin, TLS, limits, liveness), the protocol choice, the realm, the authentication,
 * reconnecting, and the subscriptions to make once joined. The start page, the connect dialog,
 * Recent, the window's command line and the CLI fill one of these and call
 * sock_connect_options_validate(); a SockConnection is made from it
 * (sock_connection_new_for_options()).
 *
 * It is stored as a versioned JSON object (see sock_connect_options_to_json()); secrets (the
 * ticket or WAMP-CRA secret, and the values of credential headers) are never written.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sock-profile.h"
#include "sock-wamp-cryptosign.h"
#include "sock-session.h"

G_BEGIN_DECLS

/* The JSON format this build writes, and the newest it reads. */
#define SOCK_CONNECT_OPTIONS_VERSION 1

/* What to speak. The JSON names ("auto", "wamp.2.json", "wamp", "raw", "custom") are the stable
 * identifiers; new choices (wamp.2.msgpack, wamp.2.cbor) are added at the end. */
typedef enum
{
  SOCK_PROTOCOL_CHOICE_AUTO,    /* offer wamp.2.json, wamp.2.msgpack, wamp.2.cbor and wamp; detect the
                                 * version if none is agreed */
  SOCK_PROTOCOL_CHOICE_WAMP2,   /* WAMP v2 with JSON: offer wamp.2.json */
  SOCK_PROTOCOL_CHOICE_WAMP1,   /* WAMP v1: offer wamp */
  SOCK_PROTOCOL_CHOICE_RAW,     /* offer nothing; treat every frame as raw */
  SOCK_PROTOCOL_CHOICE_CUSTOM,  /* offer the subprotocols given (possibly none); read what is agreed */
  SOCK_PROTOCOL_CHOICE_WAMP2_MSGPACK,  /* WAMP v2 with MessagePack: offer wamp.2.msgpack */
  SOCK_PROTOCOL_CHOICE_WAMP2_CBOR,     /* WAMP v2 with CBOR: offer wamp.2.cbor */
} SockProtocolChoice;

typedef enum
{
  SOCK_AUTH_ANONYMOUS,
  SOCK_AUTH_TICKET,
  SOCK_AUTH_WAMPCRA,   /* salted keys too: the router's challenge says so */
  SOCK_AUTH_CRYPTOSIGN,  /* WAMP-Cryptosign: an Ed25519 key from a file (or its text as the secret) */
} SockAuthMethod;

#define SOCK_TYPE_CONNECT_OPTIONS (sock_connect_options_get_type ())

G_DECLARE_FINAL_TYPE (SockConnectOptions, sock_connect_options, SOCK, CONNECT_OPTIONS, GObject)

SockConnectOptions *sock_connect_options_new              (void);
/* Fails when url is not a WebSocket URL. */
SockConnectOptions *sock_connect_options_new_for_url      (const char          *url,
                                                           GError             **error);
/* A deep copy, secrets included. */
SockConnectOptions *sock_connect_options_copy             (SockConnectOptions  *self);

/* The transport part (URL, subprotocols, headers, Origin, TLS, limits, keepalive), owned by self:
 * set those through the profile's own setters. The offered subprotocols follow the protocol choice. */
SockProfile        *sock_connect_options_get_profile      (SockConnectOptions  *self);
const char         *sock_connect_options_get_url          (SockConnectOptions  *self);
gboolean            sock_connect_options_set_url          (SockConnectOptions  *self,
                                                           const char          *url,
                                                           GError             **error);

SockProtocolChoice  sock_connect_options_get_protocol     (SockConnectOptions  *self);
/* Offers what the choice means. For SOCK_PROTOCOL_CHOICE_CUSTOM use set_subprotocols(). */
void                sock_connect_options_set_protocol     (SockConnectOptions  *self,
                                                           SockProtocolChoice   protocol);
/* SOCK_PROTOCOL_CHOICE_CUSTOM: offer exactly these (NULL or empty: none); fails on a bad name. */
gboolean            sock_connect_options_set_subprotocols (SockConnectOptions  *self,
                                                           const char * const  *protocols,
                                                           GError             **error);
/* Whether the choice may end up speaking WAMP v2 (so that a realm and authentication apply). */
gboolean            sock_connect_options_may_speak_wamp2  (SockConnectOptions  *self);

/* NULL: the default realm ("realm1"). Checked by validate(). */
const char         *sock_connect_options_get_realm        (SockConnectOptions  *self);
void                sock_connect_options_set_realm        (SockConnectOptions  *self,
                                                           const char          *realm);

SockAuthMethod      sock_connect_options_get_auth_method  (SockConnectOptions  *self);
const char         *sock_connect_options_get_authid       (SockConnectOptions  *self);
/* The ticket, the WAMP-CRA secret, or (cryptosign) the key file's text, e.g. from the keyring;
 * never serialized. */
const char         *sock_connect_options_get_secret       (SockConnectOptions  *self);
/* authid and secret may be NULL (e.g. anonymous); checked by validate(). */
void                sock_connect_options_set_auth         (SockConnectOptions  *self,
                                                           SockAuthMethod       method,
                                                           const char          *authid,
                                                           const char          *secret);

/* WAMP-Cryptosign (sock-connect-options-key.c): the private key file (64 hex digits of the seed,
 * a Crossbar/Autobahn key file or an unencrypted OpenSSH ed25519 key). Its path is stored; the key
 * is read when the options are validated and when a connection is made from them. */
const char         *sock_connect_options_get_private_key_file (SockConnectOptions *self);
void                sock_connect_options_set_private_key_file (SockConnectOptions *self,
                                                               const char         *path);
/* The key: from the secret (the key file's text) when set, else from the file. The error names the
 * file and says what is wrong, never with key material. */
SockWampCryptosignKey *sock_connect_options_load_cryptosign_key (SockConnectOptions *self,
                                                                 GError            **error);

/* Reconnect with backoff after a loss. Default TRUE (the GUI); the CLI turns it off. */
gboolean            sock_connect_options_get_reconnect    (SockConnectOptions  *self);
void                sock_connect_options_set_reconnect    (SockConnectOptions  *self,
                                                           gboolean             reconnect);

/* The subscriptions to make once joined, in order, without duplicates. */
guint               sock_connect_options_get_n_subscriptions (SockConnectOptions *self);
const char         *sock_connect_options_get_subscription (SockConnectOptions  *self,
                                                           guint                index,
                                                           SockMatch           *match);
/* Returns FALSE when the same (topic, match) is there already. */
gboolean            sock_connect_options_add_subscription (SockConnectOptions  *self,
                                                           const char          *topic,
                                                           SockMatch            match);
gboolean            sock_connect_options_remove_subscription (SockConnectOptions *self,
                                                           const char          *topic,
                                                           SockMatch            match);
void                sock_connect_options_clear_subscriptions (SockConnectOptions *self);

/* Checks everything before anything is sent: the profile (URL, headers, Origin, TLS files, limits),
 * the realm as a WAMP URI, the authentication (an authid, and the ticket or secret), the
 * credential headers' values, the subscriptions' topics. The error says what to fix
 * (SOCK_ERROR_INVALID_*). */
gboolean            sock_connect_options_validate         (SockConnectOptions  *self,
                                                           GError             **error);

/* Serialization (sock-connect-options-json.c). The object:
 *   { "version": 1, "url": "wss://…",
 *     "protocol": "auto" | "wamp.2.json" | "wamp.2.msgpack" | "wamp.2.cbor" | "wamp" | "raw" | "custom",
 *     "subprotocols": [ "…" ]                         (only with "custom"),
 *     "realm": "…"                                    (absent: the default),
 *     "auth": { "method": "anonymous" | "ticket" | "wampcra" | "cryptosign", "authid": "…",
 *               "private_key_file": "…" (cryptosign) },
 *     "headers": [ { "name": "…", "value": "…" } ]    (credential headers: no "value"),
 *     "origin": "…",
 *     "tls": { "policy": "system" | "ca-file" | "pin" | "insecure", "ca_file": "…", "pin": "…" },
 *     "limits": { "max_message_size": bytes, "deflate": bool, "connect_timeout": s },
 *     "liveness": { "keepalive": s },
 *     "reconnect": bool,
 *     "subscriptions": [ { "topic": "…", "match": "exact" | "prefix" | "wildcard" } ] }
 * Readers ignore members they do not know; a newer "version" is refused (SOCK_ERROR_NEWER_VERSION). */
JsonNode           *sock_connect_options_to_json          (SockConnectOptions  *self);
char               *sock_connect_options_to_string        (SockConnectOptions  *self);
SockConnectOptions *sock_connect_options_new_from_json    (JsonNode            *node,
                                                           GError             **error);
SockConnectOptions *sock_connect_options_new_from_string  (const char          *text,
                                                           GError             **error);

/* "host:port/path", for a tab title or a Recent row; "New Connection" without a URL. */
char               *sock_connect_options_dup_title        (SockConnectOptions  *self);
/* One line of what else there is: "WAMP v2 · realm demo · as crauser · 2 subscriptions". */
char               *sock_connect_options_dup_summary      (SockConnectOptions  *self);

/* "auto", "wamp.2.json", "wamp", "raw", "custom", "wamp.2.msgpack", "wamp.2.cbor". */
const char         *sock_protocol_choice_to_string        (SockProtocolChoice   protocol);
/* Accepts the names above but "custom" (case-insensitive); says which names are known. */
gboolean            sock_protocol_choice_from_string      (const char          *text,
                                                           SockProtocolChoice  *out,
                                                           GError             **error);
/* The choices a connect form lists, in its order: Auto, WAMP v2 JSON, MessagePack, CBOR, WAMP v1,
 * Raw. CUSTOM is not one of them: a form shows it as Auto. */
SockProtocolChoice  sock_protocol_choice_from_position    (guint                position);
guint               sock_protocol_choice_to_position      (SockProtocolChoice   protocol);
/* "anonymous", "ticket", "wampcra", "cryptosign". */
const char         *sock_auth_method_to_string            (SockAuthMethod       method);
/* Whether a header's value is a credential (Authorization, Cookie, …) that is never written out. */
gboolean            sock_header_is_credential             (const char          *name);

G_END_DECLS
