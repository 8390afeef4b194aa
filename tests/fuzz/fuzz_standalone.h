/*
 * Optional main() for running a libFuzzer target without libFuzzer: each
 * argument is a file fed once to LLVMFuzzerTestOneInput (for gcc builds and
 * for replaying crash files). Compile with -DFUZZ_STANDALONE.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#ifndef VMAFX_TESTS_FUZZ_STANDALONE_H
#define VMAFX_TESTS_FUZZ_STANDALONE_H

#ifdef FUZZ_STANDALONE
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 1;
        }
        size_t cap = 1 << 16, len = 0;
        unsigned char *buf = malloc(cap);
        for (size_t n; buf && (n = fread(buf + len, 1, cap - len, f)) > 0;) {
            len += n;
            if (len == cap) {
                unsigned char *bigger = realloc(buf, cap *= 2);
                if (!bigger) { free(buf); buf = NULL; }
                buf = bigger;
            }
        }
        fclose(f);
        if (!buf)
            return 1;
        LLVMFuzzerTestOneInput(buf, len);
        free(buf);
    }
    return 0;
}
#endif

#endif /* VMAFX_TESTS_FUZZ_STANDALONE_H */
