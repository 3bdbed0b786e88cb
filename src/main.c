/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sock-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SockApplication) app = NULL;
  const char *localedir;

  /* before GTK starts: `sockscope --help` is parsed first */
  setlocale (LC_ALL, "");
  /* SOCKSCOPE_LOCALEDIR lets tests and a build tree use the catalogs built in _build/po */
  localedir = g_getenv ("SOCKSCOPE_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = sock_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
