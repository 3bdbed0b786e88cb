/* sock-rate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sock-rate.h"

double
sock_rate_sample (SockRate *rate,
                  guint64   total,
                  gint64    span_us)
{
  guint64 count = total >= rate->last_total ? total - rate->last_total : total;
  guint64 sum = 0;
  gint64 span = 0;

  g_return_val_if_fail (rate != NULL, 0);

  rate->last_total = total;
  rate->counts[rate->next] = count;
  rate->spans[rate->next] = MAX (span_us, 1);
  rate->next = (rate->next + 1) % SOCK_RATE_WINDOW;
  rate->n = MIN (rate->n + 1, SOCK_RATE_WINDOW);
  for (guint i = 0; i < rate->n; i++)
    {
      sum += rate->counts[i];
      span += rate->spans[i];
    }
  rate->rate = sum > 0 ? sum / (span / (double) G_USEC_PER_SEC) : 0;
  return rate->rate;
}
