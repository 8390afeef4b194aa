/*
 * Progress meter. After the first 10 frames the rate is refreshed every 10
 * frames so the number stays readable; the line is rewritten in place with
 * "\r" and cleared with ESC[K.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <time.h>
#include <unistd.h>

#include "progress.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void progress_init(Progress *p, FILE *out, int enabled)
{
    p->out = enabled && out && isatty(fileno(out)) ? out : NULL;
    p->start_s = now_s();
    p->fps = 0.0;
    p->frames = 0;
}

void progress_update(Progress *p)
{
    p->frames++;
    if (!p->out)
        return;
    if (p->frames < 10 || p->frames % 10 == 0) {
        const double elapsed = now_s() - p->start_s;
        p->fps = elapsed > 0.0 ? p->frames / elapsed : 0.0;
    }
    fprintf(p->out, "\r%u frame%s %.2f FPS\033[K", p->frames, p->frames == 1 ? " " : "s",
            p->fps);
    fflush(p->out);
}

void progress_finish(Progress *p)
{
    if (p->out && p->frames)
        fputc('\n', p->out);
}
