/* fuzz-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every libFuzzer harness here shares: libFuzzer's two entry points, the usual
 * initialization, and CHECK, which aborts with the condition and line so that libFuzzer keeps
 * the input that broke it.
 */

#pragma once

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A harness's LLVMFuzzerInitialize when it needs nothing more: a GLib warning or critical is a
 * failure, which libFuzzer reports with its input. */
#define FUZZ_INITIALIZE_FATAL_WARNINGS \
  int \
  LLVMFuzzerInitialize (int    *argc, \
                        char ***argv) \
  { \
    g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING); \
    return 0; \
  }

#define CHECK(cond) \
  G_STMT_START { \
    if (!(cond)) \
      { \
        g_printerr ("check failed: %s (line %d)\n", #cond, __LINE__); \
        abort (); \
      } \
  } G_STMT_END
