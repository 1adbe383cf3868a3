#include <stdio.h> /* comment after an include */
#define KV_BLOCK 16 // block size of the paged KV cache
#pragma once

/**
 * Doc comment: allocate a block.
 * Returns NULL when the cache is full — naïve policy.
 */
void *alloc_block(void);

/// Doxygen line doc for evict.
void evict(void);

int main(void) {
    const char *s = "// not a comment /* nor this */";
    /* ordinary block comment */
    return printf("%s\n", s); // ordinary line comment: ünïcödé
}
