/* osai-test-history.h — history entries made up for tests and the benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "osai-history.h"

G_BEGIN_DECLS

/* Totals in the API's units, indexed by OsaiMetric. */
typedef struct
{
  double totals[OSAI_N_METRICS];
} OsaiTestTotals;

void               osai_test_totals_fill     (OsaiTestTotals     *totals,
                                              guint               seed);
GBytes            *osai_test_payload         (gint64              id,
                                              int                 status,
                                              OsaiIncludeFlags    include,
                                              const char         *period_from,
                                              const char         *period_to,
                                              const OsaiTestTotals *totals);
OsaiReportRequest *osai_test_request         (const char         *period_from,
                                              const char         *period_to,
                                              OsaiIncludeFlags    include);
OsaiHistoryEntry  *osai_test_entry           (const char         *server,
                                              gint64              id,
                                              const char         *created,
                                              const char         *period_from,
                                              const char         *period_to,
                                              OsaiIncludeFlags    include,
                                              const OsaiTestTotals *totals);
OsaiHistoryEntry  *osai_test_pending_entry   (const char         *server,
                                              gint64              id,
                                              const char         *created);
guint              osai_test_count_files     (const char         *dir,
                                              const char         *suffix);

G_END_DECLS
