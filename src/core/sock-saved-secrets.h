/* sock-saved-secrets.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where the secrets of a SockConnectOptions hide, as named slots that the keyring stores apart
 * from the connections file: "auth" (the ticket, the WAMP-CRA secret or the text of a WAMP-Cryptosign
 * private key given without a key file), "header:NAME" (the value of a
 * credential header: Authorization, Cookie, X-Api-Key…) and "query:NAME" (a ticket, token or key
 * in the URL's query, as OroCRM's ?ticket=). The file keeps the options without them.
 */

#pragma once

#include "sock-connect-options.h"

G_BEGIN_DECLS

typedef struct
{
  char *slot;         /* "auth", "header:Authorization", "query:ticket" */
  char *value;        /* as sent: the header's value, the query value still percent-encoded */
  char *description;  /* for a keyring label: "ticket", "Authorization header", "ticket in the URL" */
} SockSavedSecret;

void       sock_saved_secret_free          (SockSavedSecret    *secret);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SockSavedSecret, sock_saved_secret_free)

/* The secrets options hold now (empty values are left out), as SockSavedSecret. */
GPtrArray *sock_saved_secrets_collect      (SockConnectOptions *options);
/* The slots options may need filled in from the keyring: the authentication's secret when a
 * method other than anonymous is chosen, and every credential header and secret query
 * parameter whose value is empty. */
GStrv      sock_saved_secrets_list_missing (SockConnectOptions *options);
/* Puts value into slot; FALSE when options have no such slot. */
gboolean   sock_saved_secrets_fill         (SockConnectOptions *options,
                                            const char         *slot,
                                            const char         *value);
/* options without any secret: no ticket or secret, credential headers and secret query
 * parameters kept with empty values. */
void       sock_saved_secrets_strip        (SockConnectOptions *options);
/* url with the values of its secret query parameters emptied ("?ticket=&room=2"). */
char      *sock_saved_secrets_strip_url    (const char         *url);

G_END_DECLS
