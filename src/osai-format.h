/* osai-format.h — numbers and quantities as the app shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char       *osai_format_number       (double      value);
char       *osai_format_quantity     (const char *human_unit,
                                      double      value);
const char *osai_format_explain_unit (const char *unit);

G_END_DECLS
