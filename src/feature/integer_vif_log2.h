/*
 * The 16-bit log2 table of the integer VIF (spec integer-vif-psnr.md 1.3).
 */
#ifndef VMAFX_SRC_FEATURE_INTEGER_VIF_LOG2_H
#define VMAFX_SRC_FEATURE_INTEGER_VIF_LOG2_H

#include <stdint.h>

/* The table covers mantissas 2^15 .. 2^16 - 1; entry m - 2^15 is T[m]. */
#define VMAFX_VIF_LOG2_FIRST 32768u
#define VMAFX_VIF_LOG2_SIZE 32768u

/* Fills table[0 .. VMAFX_VIF_LOG2_SIZE-1] with T[m] = round(2048 * fl32(log2 m)). */
void vmafx_vif_log2_table_fill(uint16_t *table);

#endif /* VMAFX_SRC_FEATURE_INTEGER_VIF_LOG2_H */
