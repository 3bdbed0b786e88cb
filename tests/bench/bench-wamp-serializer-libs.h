/* bench-wamp-serializer-libs.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint64 bench_msgpack_c_unpack (GBytes **frames, guint n_frames, guint n);
guint64 bench_libcbor_load     (GBytes **frames, guint n_frames, guint n);
guint64 bench_libcbor_stream   (GBytes **frames, guint n_frames, guint n);

G_END_DECLS
