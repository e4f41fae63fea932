/* fuzz-common.h — what every fuzz target shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each target is built twice from the same source: with libFuzzer (clang,
 * -Dfuzzing=true) and, always, with replay-main.c as a plain program that
 * runs the seed corpus and every crasher found so far as a regression test.
 */
#pragma once

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

G_BEGIN_DECLS

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* A property of the code under test that must hold for every input. */
#define FUZZ_CHECK(expr)                                                        \
  G_STMT_START {                                                                \
    if (G_UNLIKELY (!(expr)))                                                   \
      {                                                                         \
        fprintf (stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #expr); \
        abort ();                                                               \
      }                                                                         \
  } G_STMT_END

/* Debug, info and message output is dropped: it would slow the fuzzer down
 * and drown its own output.  A warning, a critical or an error aborts: a
 * g_return_if_fail() reached from bad input is a bug in our code, and
 * abort() is what libFuzzer (and the replay test) report as a crash. */
static inline GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
      abort ();
    }

  return G_LOG_WRITER_HANDLED;
}

static inline void
fuzz_init_logging (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;

  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
}

G_END_DECLS
