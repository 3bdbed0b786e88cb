/* fuzz-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every libFuzzer harness here shares: libFuzzer's two entry points, and CHECK, which
 * aborts with the condition and line so that libFuzzer keeps the input that broke it.
 */

#pragma once

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define CHECK(cond) \
  G_STMT_START { \
    if (!(cond)) \
      { \
        g_printerr ("check failed: %s (line %d)\n", #cond, __LINE__); \
        abort (); \
      } \
  } G_STMT_END
