/*
 * Terminal progress line ("\r<n> frames <fps> FPS") on stderr.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#ifndef VMAFX_TOOLS_PROGRESS_H
#define VMAFX_TOOLS_PROGRESS_H

#include <stdio.h>

typedef struct Progress {
    FILE *out;          /* NULL: disabled */
    double start_s;     /* monotonic clock at the first frame */
    double fps;
    unsigned frames;
} Progress;

/* Enables the meter only when `out` is a terminal and `enabled` is set. */
void progress_init(Progress *p, FILE *out, int enabled);

/* Call after each scored frame pair. */
void progress_update(Progress *p);

/* Ends the line (a newline) if anything was printed. */
void progress_finish(Progress *p);

#endif /* VMAFX_TOOLS_PROGRESS_H */
