/*
 * fuzz.h: the libFuzzer entry points every harness in tests/fuzz/
 * defines. Built two ways: with clang -fsanitize=fuzzer (make fuzz,
 * build/fuzz/) and with driver.c, a plain main() that feeds files once
 * (make check, so the regression inputs run under gcc and SANITIZE=1).
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>

int	LLVMFuzzerInitialize(int *argc, char ***argv);
int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
