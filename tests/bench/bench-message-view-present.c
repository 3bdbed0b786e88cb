/* bench-message-view-present.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a user of a compositor sees of the window benchmark's frames: when each frame reached the
 * screen, from the frame clock's timings (on Wayland, wp_presentation feedback). A frame's
 * timings are complete a few frames after it was painted, so they are read in each after-paint
 * for the frames before it, and for a few frames after a phase ends. Two figures: the intervals
 * between consecutive frames both presented (a frame with nothing to redraw commits nothing and
 * has no presentation time), and those between the presentations of frames that showed new rows
 * (what the user sees of the flood: the "new rows" column of the after-paint figures).
 *
 * Only intervals between presentation times mean something: Weston 10 stamps them with
 * CLOCK_MONOTONIC_RAW and GTK 4.8 passes them on unconverted, so they do not compare with the
 * frame clock's frame times (CLOCK_MONOTONIC; here they read some 150 ms earlier). Its headless
 * output has no vblank either: a "vblank" is a repaint of its 60 Hz timer (tests/bench/with-weston).
 * BENCH_PRESENT_LOG=1 prints each measured frame's presentation time. Under Xvfb (no compositor)
 * frames carry no presentation time and none of this is printed.
 */

#include "config.h"

#include <stdio.h>

#include "bench-message-view.h"

/* Frames whose timings are still incomplete this many frames later were not presented. */
#define INCOMPLETE_FRAMES 6

void
bench_present_start (Bench         *b,
                     GdkFrameClock *clock)
{
  BenchPresent *p = &b->present;

  if (p->intervals == NULL)
    {
      p->intervals = g_array_new (FALSE, FALSE, sizeof (double));
      p->updates = g_array_new (FALSE, FALSE, sizeof (double));
      p->update_frames = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  g_array_set_size (p->intervals, 0);
  g_array_set_size (p->updates, 0);
  g_array_set_size (p->update_frames, 0);
  p->next_update = 0;
  p->log = g_getenv ("BENCH_PRESENT_LOG") != NULL;
  p->prev_update_present_us = 0;
  /* measured: the frames painted from now on */
  p->next_frame = gdk_frame_clock_get_frame_counter (clock) + 1;
  p->end_frame = G_MAXINT64;
  p->prev_frame = -1;
  p->prev_present_us = 0;
  p->refresh_us = 0;
  p->n_presented = p->n_unpresented = p->n_incomplete = p->n_missed = p->n_skipped = 0;
}

/* The measured frames end with the one just painted. */
void
bench_present_stop (Bench         *b,
                    GdkFrameClock *clock)
{
  b->present.end_frame = gdk_frame_clock_get_frame_counter (clock) + 1;
}

gboolean
bench_present_pending (Bench *b)
{
  return b->present.next_frame < b->present.end_frame;
}

static void
take (BenchPresent     *p,
      gint64            frame,
      GdkFrameTimings  *timings)
{
  gint64 present_us = gdk_frame_timings_get_presentation_time (timings);
  gint64 refresh_us = gdk_frame_timings_get_refresh_interval (timings);

  if (present_us == 0)
    {
      /* drawn but not shown, or nothing committed this frame */
      p->n_unpresented++;
      return;
    }
  p->n_presented++;
  if (refresh_us > 0)
    p->refresh_us = refresh_us;
  if (p->log)
    printf ("          frame %" G_GINT64_FORMAT " presented at %.3f ms%s\n", frame, present_us / 1000.0,
            p->prev_frame == frame - 1 ? "" : " (after a frame that committed nothing)");
  /* An interval only between frames in a row: after a frame that showed nothing, the next one may
   * come whenever it likes. */
  if (p->prev_frame == frame - 1 && p->prev_present_us != 0)
    {
      double ms = (present_us - p->prev_present_us) / 1000.0;

      g_array_append_val (p->intervals, ms);
      /* Later than the vblank after the previous frame's: a frame's time on screen doubled. */
      if (p->refresh_us > 0 && present_us - p->prev_present_us > p->refresh_us * 3 / 2)
        {
          p->n_missed++;
          p->n_skipped += (guint) ((present_us - p->prev_present_us + p->refresh_us / 2) / p->refresh_us) - 1;
        }
    }
  p->prev_frame = frame;
  p->prev_present_us = present_us;
  /* the frames that showed new rows, as the user saw them */
  while (p->next_update < p->update_frames->len && g_array_index (p->update_frames, gint64, p->next_update) < frame)
    p->next_update++;
  if (p->next_update < p->update_frames->len && g_array_index (p->update_frames, gint64, p->next_update) == frame)
    {
      if (p->prev_update_present_us != 0)
        {
          double ms = (present_us - p->prev_update_present_us) / 1000.0;

          g_array_append_val (p->updates, ms);
        }
      p->prev_update_present_us = present_us;
    }
}

/* The frame being painted showed new rows. */
void
bench_present_mark_update (Bench         *b,
                           GdkFrameClock *clock)
{
  gint64 frame = gdk_frame_clock_get_frame_counter (clock);

  g_array_append_val (b->present.update_frames, frame);
}

/* Reads the timings that are complete, in frame order, up to the frame being painted. */
void
bench_present_collect (Bench         *b,
                       GdkFrameClock *clock)
{
  BenchPresent *p = &b->present;
  gint64 now = gdk_frame_clock_get_frame_counter (clock);
  gint64 start = gdk_frame_clock_get_history_start (clock);

  for (; p->next_frame <= now && p->next_frame < p->end_frame; p->next_frame++)
    {
      GdkFrameTimings *timings;

      if (p->next_frame < start)
        {
          /* out of the clock's history before it was read */
          p->n_incomplete++;
          continue;
        }
      timings = gdk_frame_clock_get_timings (clock, p->next_frame);
      if (timings == NULL)
        {
          p->n_incomplete++;
          continue;
        }
      if (!gdk_frame_timings_get_complete (timings))
        {
          /* Complete once the compositor presented it, a frame or two later; a frame that
           * committed nothing (no damage) or was discarded never is. */
          if (now - p->next_frame < INCOMPLETE_FRAMES)
            break;
          p->n_incomplete++;
          continue;
        }
      take (p, p->next_frame, timings);
    }
}

/* One line under a phase's row, when frames carried presentation times. */
void
bench_present_print (Bench *b)
{
  BenchPresent *p = &b->present;
  guint n = p->n_presented + p->n_unpresented + p->n_incomplete;

  if (p->n_presented == 0)
    return;
  g_array_sort (p->intervals, bench_compare_doubles);
  g_array_sort (p->updates, bench_compare_doubles);
  printf ("%8s  %-7s %7.1f %7.1f %7.1f %7s %7.1f   %u of %u frames presented (refresh %.2f ms; %u committed "
          "nothing); of %u intervals, %u late = %.0f%% (%u vblanks skipped)\n",
          "", "present", bench_percentile (p->intervals, 0.50), bench_percentile (p->intervals, 0.95),
          bench_percentile (p->intervals, 1.0), "", bench_percentile (p->updates, 0.95), p->n_presented, n,
          p->refresh_us / 1000.0, p->n_incomplete + p->n_unpresented, p->intervals->len, p->n_missed,
          p->intervals->len > 0 ? 100.0 * p->n_missed / p->intervals->len : 0.0, p->n_skipped);
}

void
bench_present_clear (Bench *b)
{
  g_clear_pointer (&b->present.intervals, g_array_unref);
  g_clear_pointer (&b->present.updates, g_array_unref);
  g_clear_pointer (&b->present.update_frames, g_array_unref);
}
