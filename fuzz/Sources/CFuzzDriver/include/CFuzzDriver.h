// libFuzzer's entry point for programs that have their own main (SwiftPM names each executable's main
// <Target>_main and points `main` at it, so libFuzzer's own main is never linked).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
