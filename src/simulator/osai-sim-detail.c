/* osai-sim-detail.c — the detailed report, generated chunk by chunk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The body is `{"reportId":N,"generator":...,"records":[{...},...,{"type":"end","pad":"  "}]}`,
 * exactly `size` bytes long.  One block of records (about 128 KiB, whole records only) is built
 * once and handed out again and again as the same GBytes, so serving a gigabyte costs no copying
 * and the memory stays at one block.
 */
#define G_LOG_DOMAIN "osai-sim-detail"

#include "osai-sim-detail.h"

#include <string.h>

#define BLOCK_TARGET (128 * 1024)
#define CLOSING_FMT_LEN (sizeof "{\"type\":\"end\",\"pad\":\"\"}]}" - 1)

struct _OsaiSimDetail
{
  GObject  parent_instance;

  guint64  size;
  GBytes  *head;
  GBytes  *block;
  GBytes  *tail;
  guint64  n_blocks;
  guint64  blocks_sent;
  guint    head_sent : 1;
  guint    tail_sent : 1;
};

G_DEFINE_FINAL_TYPE (OsaiSimDetail, osai_sim_detail, G_TYPE_OBJECT)

static const char * const kinds[] = {
  "dataset", "model", "manipulation", "training", "conversion", "prediction", "device-rental",
};

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* Fills @block with whole records and stores each record's end offset in @ends. */
static void
build_block (guint64  seed,
             GString *block,
             GArray  *ends)
{
  guint64 state = seed;
  guint i = 0;

  while (block->len < BLOCK_TARGET)
    {
      guint64 r = splitmix64 (&state);
      const char *kind = kinds[r % G_N_ELEMENTS (kinds)];
      guint size_kb = (guint) (r >> 8) % 250000 + 16;
      guint seconds = (guint) (r >> 28) % 86400 + 1;
      guint day = (guint) (r >> 48) % 28 + 1;
      guint month = (guint) (r >> 56) % 12 + 1;
      gsize end;

      g_string_append_printf (block,
                              "{\"type\":\"%s\",\"id\":%u,\"name\":\"%s-%05u\","
                              "\"createdAt\":\"2022-%02u-%02uT%02u:%02u:00Z\","
                              "\"sizeKB\":%u,\"seconds\":%u,\"kbMin\":%u.%02u},",
                              kind, 100000 + i, kind, i, month, day,
                              seconds / 3600 % 24, seconds / 60 % 60,
                              size_kb, seconds, size_kb * (seconds / 60 + 1), (guint) (r % 100));
      end = block->len;
      g_array_append_val (ends, end);
      i++;
    }
}

static void
osai_sim_detail_finalize (GObject *object)
{
  OsaiSimDetail *self = OSAI_SIM_DETAIL (object);

  g_clear_pointer (&self->head, g_bytes_unref);
  g_clear_pointer (&self->block, g_bytes_unref);
  g_clear_pointer (&self->tail, g_bytes_unref);

  G_OBJECT_CLASS (osai_sim_detail_parent_class)->finalize (object);
}

static void
osai_sim_detail_class_init (OsaiSimDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = osai_sim_detail_finalize;
}

static void
osai_sim_detail_init (OsaiSimDetail *self)
{
}

/**
 * osai_sim_detail_new:
 * @report_id: the report the body belongs to
 * @seed: seeds the records, so the same report always yields the same bytes
 * @size: the exact body length in bytes
 *
 * Bodies of at least ~80 bytes are a JSON object with a records array; smaller ones are still
 * valid JSON (`{}` padded with spaces), except a 1-byte body (`0`) and an empty one.
 */
OsaiSimDetail *
osai_sim_detail_new (guint   report_id,
                     guint64 seed,
                     guint64 size)
{
  OsaiSimDetail *self = g_object_new (OSAI_TYPE_SIM_DETAIL, NULL);
  g_autofree char *head = g_strdup_printf ("{\"reportId\":%u,\"generator\":\"osai-simulator\","
                                           "\"records\":[", report_id);
  gsize head_len = strlen (head);

  self->size = size;

  if (size < head_len + CLOSING_FMT_LEN)
    {
      GString *tiny = g_string_new (NULL);

      if (size == 1)
        g_string_append_c (tiny, '0');
      else if (size >= 2)
        {
          g_string_append (tiny, "{}");
          while (tiny->len < size)
            g_string_append_c (tiny, ' ');
        }
      self->head_sent = TRUE;
      self->tail = g_string_free_to_bytes (tiny);
    }
  else
    {
      g_autoptr(GString) block = g_string_sized_new (BLOCK_TARGET + 512);
      g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (gsize));
      GString *tail;
      guint64 rest = size - head_len;
      guint64 prefix = 0;
      guint64 pad;

      build_block (seed, block, ends);
      if (rest - CLOSING_FMT_LEN >= block->len)
        self->n_blocks = (rest - CLOSING_FMT_LEN) / block->len;
      rest -= self->n_blocks * block->len;

      for (guint i = 0; i < ends->len; i++)
        {
          gsize end = g_array_index (ends, gsize, i);

          if (end + CLOSING_FMT_LEN > rest)
            break;
          prefix = end;
        }
      pad = rest - CLOSING_FMT_LEN - prefix;

      tail = g_string_sized_new (rest + 1);
      g_string_append_len (tail, block->str, prefix);
      g_string_append (tail, "{\"type\":\"end\",\"pad\":\"");
      for (guint64 i = 0; i < pad; i++)
        g_string_append_c (tail, ' ');
      g_string_append (tail, "\"}]}");
      g_assert (tail->len == rest);

      self->head = g_bytes_new_take (g_steal_pointer (&head), head_len);
      self->block = g_string_free_to_bytes (g_steal_pointer (&block));
      self->tail = g_string_free_to_bytes (tail);
    }

  return self;
}

guint64
osai_sim_detail_get_size (OsaiSimDetail *self)
{
  g_return_val_if_fail (OSAI_IS_SIM_DETAIL (self), 0);

  return self->size;
}

/**
 * osai_sim_detail_next_chunk:
 *
 * Returns: (transfer full) (nullable): the next piece of the body, %NULL at its end
 */
GBytes *
osai_sim_detail_next_chunk (OsaiSimDetail *self)
{
  g_return_val_if_fail (OSAI_IS_SIM_DETAIL (self), NULL);

  if (!self->head_sent)
    {
      self->head_sent = TRUE;
      return g_bytes_ref (self->head);
    }
  if (self->blocks_sent < self->n_blocks)
    {
      self->blocks_sent++;
      return g_bytes_ref (self->block);
    }
  if (!self->tail_sent)
    {
      self->tail_sent = TRUE;
      if (g_bytes_get_size (self->tail) > 0)
        return g_bytes_ref (self->tail);
    }

  return NULL;
}
