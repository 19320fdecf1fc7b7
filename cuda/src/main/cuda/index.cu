// index.cu: embedding lookup and its scatter-add backward, torch-style gather and scatter_add.
// Reference: cs336.engine.cpu.scalar.ScalarIndex. A bad index is recorded in err (common.cuh) and
// its element skipped; the host turns it into the CPU kernels' IllegalArgumentException.
#include "common.cuh"

// One warp per id, lanes over the C channels. rows: operands (ids, out row starts).
extern "C" __global__ void embedding_fwd(Strided rows, float* out, const long long* ids, const float* weight, int V,
                                         int C, int wRow, int wCol, int outCol, long long* err) {
  int lane = threadIdx.x & 31, warps = blockDim.x >> 5;
  for (int r = blockIdx.x * warps + (threadIdx.x >> 5); r < rows.n; r += gridDim.x * warps) {
    int o[2];
    strided_offsets<2>(rows, r, o);
    long long id = ids[o[0]];
    if (!check_index(id, V, ERR_TOKEN_ID, err)) continue;
    const float* src = weight + id * wRow;
    for (int c = lane; c < C; c += 32) out[o[1] + (long long)c * outCol] = src[(long long)c * wCol];
  }
}

// dWeight[ids[...], :] += dOut[..., :]. Repeated ids add up through atomics (the order of the adds,
// and so the last bits, may differ between runs). rows: operands (ids, dOut row starts).
extern "C" __global__ void embedding_bwd(Strided rows, float* dWeight, const long long* ids, const float* dOut,
                                         int V, int C, int dwRow, int dwCol, int gCol, long long* err) {
  int lane = threadIdx.x & 31, warps = blockDim.x >> 5;
  for (int r = blockIdx.x * warps + (threadIdx.x >> 5); r < rows.n; r += gridDim.x * warps) {
    int o[2];
    strided_offsets<2>(rows, r, o);
    long long id = ids[o[0]];
    if (!check_index(id, V, ERR_TOKEN_ID, err)) continue;
    float* dst = dWeight + id * dwRow;
    for (int c = lane; c < C; c += 32) atomicAdd(dst + (long long)c * dwCol, dOut[o[1] + (long long)c * gCol]);
  }
}

// out[i..., j, k...] = x[i..., index[...], k...]. s: operands (out, index, x seen with index's shape
// and stride 0 along dim); size and step: x's length and stride along dim.
extern "C" __global__ void gather_f32(Strided s, float* out, const long long* index, const float* x, int size, int step,
                                      long long* err) {
  FOR_EACH_INDEX(i, s.n) {
    int o[3];
    strided_offsets<3>(s, i, o);
    long long j = index[o[1]];
    if (!check_index(j, size, ERR_GATHER_INDEX, err)) continue;
    out[o[0]] = x[o[2] + j * step];
  }
}

// dst[i..., index[...], k...] += src[...]. s: operands (src, index, dst along index).
extern "C" __global__ void scatter_add_f32(Strided s, float* dst, const long long* index, const float* src, int size,
                                           int step, long long* err) {
  FOR_EACH_INDEX(i, s.n) {
    int o[3];
    strided_offsets<3>(s, i, o);
    long long j = index[o[1]];
    if (!check_index(j, size, ERR_SCATTER_INDEX, err)) continue;
    atomicAdd(dst + o[2] + j * step, src[o[0]]);
  }
}
