// common.cuh: what every kernel file shares: the strided-iteration struct, the op codes, warp and
// block reductions and the deferred error word.
//
// Dimension legend (as in the engine's Kernels): N rows, C channels (last dimension), V vocabulary,
// B batch, H heads, T sequence (Tq queries, Tk keys), D head dimension.
//
// Conventions: every kernel is extern "C" (stable names the Java side looks up), outputs come first
// in the argument list, then saved buffers, then inputs, then sizes (llm.c's order). Pointers arrive
// already offset to element 0 of their view. Element offsets are int (a storage holds < 2^31
// elements) and are multiplied out in 64 bits when indexing.
#pragma once
#include <stdint.h>
#include <math.h>

// ---- strided iteration ----

// The Java side (Strided.java) packs this struct byte for byte: keep the two in step.
#define MAX_RANK 8
#define MAX_OPS 5

// A loop over n elements of up to MAX_OPS same-shape arrays: shape (coalesced, innermost last)
// and, per operand, its strides in elements. Element i (C order) of operand k lives at
// base_k + sum_d idx_d(i) * stride[k][d].
struct Strided {
  int rank;
  int n;
  int shape[MAX_RANK];
  int stride[MAX_OPS][MAX_RANK];
};

// Offsets of element i for the first K operands. A contiguous loop has rank 1 and costs one
// multiply per operand; otherwise one division per dimension.
template <int K>
__device__ __forceinline__ void strided_offsets(const Strided& s, int i, int (&off)[K]) {
#pragma unroll
  for (int k = 0; k < K; k++) off[k] = 0;
  if (s.rank == 1) {
#pragma unroll
    for (int k = 0; k < K; k++) off[k] = i * s.stride[k][0];
    return;
  }
  for (int d = s.rank - 1; d >= 0; d--) {
    int size = s.shape[d];
    int idx = i % size;
    i /= size;
#pragma unroll
    for (int k = 0; k < K; k++) off[k] += idx * s.stride[k][d];
  }
}

// Grid-stride loop over [0, n): every kernel over elements uses it, so any grid size is correct.
#define FOR_EACH_INDEX(i, n) \
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < (n); i += blockDim.x * gridDim.x)

// ---- op codes: the ordinals of cs336.engine.UnaryOp / BinaryOp / ReduceOp (a test compares) ----

enum UnaryCode { U_NEG, U_EXP, U_LOG, U_SQRT, U_RSQRT, U_RELU, U_SIGMOID, U_SILU, U_TANH, U_ABS, U_SQUARE,
                 U_RECIPROCAL };
enum BinaryCode { B_ADD, B_SUB, B_MUL, B_DIV, B_POW, B_MAX, B_MIN, B_EQ, B_NE, B_GT, B_GE, B_LT, B_LE };
enum ReduceCode { R_SUM, R_MEAN, R_MAX, R_MIN };

// Java's Math.max/min: NaN if either operand is NaN (fmaxf would drop the NaN).
__device__ __forceinline__ float java_max(float a, float b) { return (a != a || b != b) ? nanf("") : fmaxf(a, b); }
__device__ __forceinline__ float java_min(float a, float b) { return (a != a || b != b) ? nanf("") : fminf(a, b); }

__device__ __forceinline__ float sigmoidf(float x) { return 1.0f / (1.0f + expf(-x)); }

// ---- reductions ----

__device__ __forceinline__ float warp_sum(float v) {
#pragma unroll
  for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
  return v;
}

__device__ __forceinline__ float warp_max(float v) {
#pragma unroll
  for (int o = 16; o > 0; o >>= 1) v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, o));
  return v;
}

// Sum over the whole block (any blockDim that is a multiple of 32, up to 1024); every thread gets
// the result. `scratch` holds 32 floats of shared memory; the call ends with a barrier, so it may be
// called again with the same scratch.
__device__ __forceinline__ float block_sum(float v, float* scratch) {
  int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, warps = blockDim.x >> 5;
  v = warp_sum(v);
  if (lane == 0) scratch[warp] = v;
  __syncthreads();
  float t = lane < warps ? scratch[lane] : 0.0f;
  t = warp_sum(t);
  __syncthreads();
  return t;
}

__device__ __forceinline__ float block_max(float v, float* scratch) {
  int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, warps = blockDim.x >> 5;
  v = warp_max(v);
  if (lane == 0) scratch[warp] = v;
  __syncthreads();
  float t = lane < warps ? scratch[lane] : -INFINITY;
  t = warp_max(t);
  __syncthreads();
  return t;
}

// ---- deferred errors ----

// Kernels cannot throw. One that meets a bad index (token id, gather index, target) records the
// first one here and skips the element; the host reads this word at its next synchronisation
// (every copy back to the host) and throws IllegalArgumentException with the same message the CPU
// kernels give. err: [code, value, limit] (int64). Codes: see CudaErrors.java.
#define ERR_TOKEN_ID 1
#define ERR_GATHER_INDEX 2
#define ERR_SCATTER_INDEX 3
#define ERR_TARGET 4

__device__ __forceinline__ bool check_index(long long id, int size, int code, long long* err) {
  if (id >= 0 && id < size) return true;
  if (atomicCAS((unsigned long long*)err, 0ull, (unsigned long long)code) == 0ull) {
    err[1] = id;
    err[2] = size;
  }
  return false;
}
