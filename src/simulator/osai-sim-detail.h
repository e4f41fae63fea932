/* osai-sim-detail.h — the detailed report, generated chunk by chunk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define OSAI_TYPE_SIM_DETAIL (osai_sim_detail_get_type ())
G_DECLARE_FINAL_TYPE (OsaiSimDetail, osai_sim_detail, OSAI, SIM_DETAIL, GObject)

OsaiSimDetail *osai_sim_detail_new        (guint    report_id,
                                           guint64  seed,
                                           guint64  size);
guint64        osai_sim_detail_get_size   (OsaiSimDetail *self);
GBytes        *osai_sim_detail_next_chunk (OsaiSimDetail *self);

G_END_DECLS
