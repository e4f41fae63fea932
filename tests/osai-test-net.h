/* osai-test-net.h — a simulator and a client, for tests of the network parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "osai-client.h"
#include "osai-download.h"
#include "osai-report-job.h"
#include "osai-sim-server.h"
#include "osai-test-utils.h"

G_BEGIN_DECLS

typedef struct
{
  OsaiSimServer *sim;
  OsaiClient    *client;
  char          *tmpdir;
} OsaiTestNet;

void                osai_test_net_setup            (OsaiTestNet   *net,
                                                    gconstpointer  data);
void                osai_test_net_teardown         (OsaiTestNet   *net,
                                                    gconstpointer  data);
OsaiReportRequest  *osai_test_net_request          (void);
OsaiReport         *osai_test_net_run_job          (OsaiTestNet   *net,
                                                    OsaiReportJob *job,
                                                    GError       **error);
OsaiReport         *osai_test_net_finished_report  (OsaiTestNet   *net);
guint               osai_test_net_count_requests   (OsaiTestNet   *net,
                                                    const char    *method,
                                                    const char    *path_prefix);
void                osai_test_net_iterate_for      (guint          ms);
GPtrArray          *osai_test_net_list_dir         (const char    *path);

G_END_DECLS
