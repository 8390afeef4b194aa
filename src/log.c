/*
 * Logging to stderr with upstream's line format.
 */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>

#include "log.h"

/* Packed default logger: level in bits 0..7, colour in bit 8. INFO, no colour. */
static atomic_uint default_logger = VMAF_LOG_LEVEL_INFO;

void vmafx_log_set_default(const VmafxLogger *lg)
{
    atomic_store(&default_logger, (unsigned)lg->level | (lg->color ? 0x100u : 0u));
}

static const char *const level_name[] = { "", "ERROR", "WARNING", "INFO", "DEBUG" };
static const char *const level_color[] = { "", "\033[31m", "\033[33m", "\033[32m", "\033[34m" };

void vmafx_log(const VmafxLogger *lg, enum VmafLogLevel level, const char *fmt, ...)
{
    VmafxLogger def;
    if (!lg) {
        unsigned packed = atomic_load(&default_logger);
        def.level = (enum VmafLogLevel)(packed & 0xff);
        def.color = packed & 0x100;
        lg = &def;
    }
    if (level < VMAF_LOG_LEVEL_ERROR || level > VMAF_LOG_LEVEL_DEBUG || level > lg->level)
        return;

    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);

    if (lg->color)
        fprintf(stderr, "\033[35mlibvmaf\033[0m %s%s\033[0m %s", level_color[level],
                level_name[level], text);
    else
        fprintf(stderr, "libvmaf %s %s", level_name[level], text);
}
