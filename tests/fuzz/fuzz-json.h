/* fuzz-json.h — checks on what json-glib made of an input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "fuzz-common.h"

G_BEGIN_DECLS

/* Every member name and string value under @node is valid UTF-8: what the
 * app may put in a label or a message as it is. */
static inline void
fuzz_check_json_text (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        for (GList *l = members; l != NULL; l = l->next)
          {
            FUZZ_CHECK (g_utf8_validate (l->data, -1, NULL));
            fuzz_check_json_text (json_object_get_member (object, l->data));
          }
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          fuzz_check_json_text (json_array_get_element (array, i));
      }
      break;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        FUZZ_CHECK (g_utf8_validate (json_node_get_string (node), -1, NULL));
      break;

    case JSON_NODE_NULL:
    default:
      break;
    }
}

G_END_DECLS
