/* osai-comparison.h — two reports of the history, metric by metric
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "osai-comparison-item.h"
#include "osai-history-entry.h"

G_BEGIN_DECLS

#define OSAI_TYPE_COMPARISON (osai_comparison_get_type ())

G_DECLARE_FINAL_TYPE (OsaiComparison, osai_comparison, OSAI, COMPARISON, GObject)

OsaiComparison   *osai_comparison_new      (OsaiHistoryEntry *a,
                                            OsaiHistoryEntry *b);
OsaiHistoryEntry *osai_comparison_get_a    (OsaiComparison   *self);
OsaiHistoryEntry *osai_comparison_get_b    (OsaiComparison   *self);
char             *osai_comparison_to_csv   (OsaiComparison   *self);
JsonNode         *osai_comparison_to_json  (OsaiComparison   *self);

G_END_DECLS
