/*
 * Small internal helpers shared by the library sources.
 */
#ifndef VMAFX_SRC_COMMON_H
#define VMAFX_SRC_COMMON_H

/* Marks a public API definition; everything else is hidden (-fvisibility=hidden). */
#define VMAFX_EXPORT __attribute__((visibility("default")))

#define VMAFX_MIN(a, b) ((a) < (b) ? (a) : (b))
#define VMAFX_MAX(a, b) ((a) > (b) ? (a) : (b))
#define VMAFX_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif /* VMAFX_SRC_COMMON_H */
