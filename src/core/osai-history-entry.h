/* osai-history-entry.h — one report kept in the local history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "osai-report.h"
#include "osai-report-request.h"
#include "osai-types.h"
#include "osai-usage-model.h"

G_BEGIN_DECLS

/**
 * OsaiHistoryState:
 * @OSAI_HISTORY_STATE_PENDING: asked for and still being generated: the
 *   next start polls it again (by its report ID) rather than asking twice
 * @OSAI_HISTORY_STATE_DONE: finished, with every total
 * @OSAI_HISTORY_STATE_FAILED: the server reported that it failed
 */
typedef enum
{
  OSAI_HISTORY_STATE_PENDING,
  OSAI_HISTORY_STATE_DONE,
  OSAI_HISTORY_STATE_FAILED,
} OsaiHistoryState;

#define OSAI_TYPE_HISTORY_STATE (osai_history_state_get_type ())
GType osai_history_state_get_type (void) G_GNUC_CONST;

/* The version of the entry files this build writes and reads; a file of a
 * newer version is left alone (neither loaded nor set aside). */
#define OSAI_HISTORY_ENTRY_FORMAT_VERSION 1

#define OSAI_TYPE_HISTORY_ENTRY (osai_history_entry_get_type ())

G_DECLARE_FINAL_TYPE (OsaiHistoryEntry, osai_history_entry, OSAI, HISTORY_ENTRY, GObject)

/* Constructors: every one checks what it is given as strictly as a file
 * being loaded is checked, so that whatever is written can be read back. */
OsaiHistoryEntry  *osai_history_entry_new_pending        (const char          *server,
                                                          const char          *account,
                                                          gint64               report_id,
                                                          OsaiReportRequest   *request,
                                                          GDateTime           *created,
                                                          GError             **error);
OsaiHistoryEntry  *osai_history_entry_new_finished       (const char          *server,
                                                          const char          *account,
                                                          OsaiReportRequest   *request,
                                                          OsaiReport          *report,
                                                          GDateTime           *created,
                                                          GError             **error);
OsaiHistoryEntry  *osai_history_entry_new_from_payload   (const char          *server,
                                                          const char          *account,
                                                          OsaiReportRequest   *request,
                                                          GBytes              *payload,
                                                          GDateTime           *created,
                                                          GError             **error);
OsaiHistoryEntry  *osai_history_entry_complete           (OsaiHistoryEntry    *pending,
                                                          OsaiReport          *report,
                                                          GError             **error);

/* The file format (see osai-history-entry.c). */
OsaiHistoryEntry  *osai_history_entry_new_from_json      (JsonNode            *node,
                                                          GError             **error);
OsaiHistoryEntry  *osai_history_entry_new_from_bytes     (GBytes              *bytes,
                                                          GError             **error);
JsonNode          *osai_history_entry_to_json            (OsaiHistoryEntry    *self);
GBytes            *osai_history_entry_to_bytes           (OsaiHistoryEntry    *self);

char              *osai_history_make_key                 (const char          *server,
                                                          gint64               report_id,
                                                          GError             **error);
char              *osai_history_key_to_file_name         (const char          *key);

const char        *osai_history_entry_get_key            (OsaiHistoryEntry    *self);
const char        *osai_history_entry_get_file_name      (OsaiHistoryEntry    *self);
gint64             osai_history_entry_get_report_id      (OsaiHistoryEntry    *self);
const char        *osai_history_entry_get_server         (OsaiHistoryEntry    *self);
const char        *osai_history_entry_get_host           (OsaiHistoryEntry    *self);
const char        *osai_history_entry_get_account        (OsaiHistoryEntry    *self);
GDateTime         *osai_history_entry_get_created        (OsaiHistoryEntry    *self);
OsaiReportRequest *osai_history_entry_get_request        (OsaiHistoryEntry    *self);
GDateTime         *osai_history_entry_get_period_from    (OsaiHistoryEntry    *self);
GDateTime         *osai_history_entry_get_period_to      (OsaiHistoryEntry    *self);
const char        *osai_history_entry_get_period_text    (OsaiHistoryEntry    *self);
OsaiHistoryState   osai_history_entry_get_state          (OsaiHistoryEntry    *self);
OsaiIncludeFlags   osai_history_entry_get_include        (OsaiHistoryEntry    *self);
GBytes            *osai_history_entry_get_payload        (OsaiHistoryEntry    *self);
OsaiReport        *osai_history_entry_get_report         (OsaiHistoryEntry    *self);
OsaiUsageModel    *osai_history_entry_get_usage_model    (OsaiHistoryEntry    *self);
gboolean           osai_history_entry_has_metric         (OsaiHistoryEntry    *self,
                                                          OsaiMetric           metric);
OsaiCategory       osai_history_entry_get_headline_category (OsaiHistoryEntry *self);
double             osai_history_entry_get_headline_value (OsaiHistoryEntry    *self);
const char        *osai_history_entry_get_headline       (OsaiHistoryEntry    *self);
gboolean           osai_history_entry_equal              (OsaiHistoryEntry    *a,
                                                          OsaiHistoryEntry    *b);
int                osai_history_entry_compare_newest_first (OsaiHistoryEntry  *a,
                                                            OsaiHistoryEntry  *b);

G_END_DECLS
