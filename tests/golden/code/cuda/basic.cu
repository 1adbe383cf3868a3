#include <cuda_runtime.h>
#define WARP 32 // threads per warp

/**
 * Fused attention kernel: FlashAttention-style tiling.
 */
__global__ void attention(float *out, const float *q) {
    // Each block handles one head — naïve layout.
    const char *msg = "// not a comment";
    /* shared memory tile */
    out[threadIdx.x] = q[threadIdx.x];
}

/// Launch helper doc.
void launch(float *out, const float *q) { attention<<<1, WARP>>>(out, q); }
