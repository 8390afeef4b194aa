/*
 * Logging. Messages go to stderr as "libvmaf <LEVEL> <text>" (coloured when stderr
 * was a terminal at context creation). The level is per context; messages that
 * belong to no context use the level of the most recently created context
 * (INFO before any).
 */
#ifndef VMAFX_SRC_LOG_H
#define VMAFX_SRC_LOG_H

#include <stdbool.h>

#include "libvmaf/libvmaf.h"

typedef struct VmafxLogger {
    enum VmafLogLevel level;
    bool color;
} VmafxLogger;

/* Logs through `lg`, or through the process default when lg is NULL. */
void vmafx_log(const VmafxLogger *lg, enum VmafLogLevel level, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Sets the default used by context-less messages (called by vmaf_init). */
void vmafx_log_set_default(const VmafxLogger *lg);

#endif /* VMAFX_SRC_LOG_H */
