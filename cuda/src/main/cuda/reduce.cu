// reduce.cu: reductions over any set of dimensions, argmax, softmax and log-softmax (forward and
// backward) along any dimension, and the ordered column sums that make split-K GEMM and the RMSNorm
// weight gradient deterministic. Reference: cs336.engine.cpu.scalar.ScalarReduce / ScalarSoftmax.
#include "common.cuh"

// One block per output element (grid-stride over outputs). kept: operands (out, x) over the kept
// dimensions; red: operand (x) over the reduced dimensions, count = red.n.
extern "C" __global__ void reduce_f32(Strided kept, Strided red, float* out, const float* x, int op) {
  __shared__ float scratch[32];
  int count = red.n;
  for (int e = blockIdx.x; e < kept.n; e += gridDim.x) {
    int ko[2];
    strided_offsets<2>(kept, e, ko);
    const float* base = x + ko[1];
    float acc = op == R_MAX ? -INFINITY : op == R_MIN ? INFINITY : 0.0f;
    bool nan = false;
    for (int j = threadIdx.x; j < count; j += blockDim.x) {
      int ro[1];
      strided_offsets<1>(red, j, ro);
      float v = base[ro[0]];
      if (v != v) nan = true;
      if (op == R_MAX) acc = fmaxf(acc, v);
      else if (op == R_MIN) acc = fminf(acc, v);
      else acc += v;
    }
    float r;
    if (op == R_MAX) {
      r = block_max(acc, scratch);
    } else if (op == R_MIN) {
      r = -block_max(-acc, scratch);
    } else {
      r = block_sum(acc, scratch);
      if (op == R_MEAN) r = r / (float)count;   // 0/0 = NaN for an empty reduction, as NumPy
    }
    // NaN anywhere makes MAX and MIN NaN (the scalar kernels' rule); fmaxf alone would drop it.
    if (op == R_MAX || op == R_MIN) {
      if (block_sum(nan ? 1.0f : 0.0f, scratch) > 0.0f) r = nanf("");
    }
    if (threadIdx.x == 0) out[ko[0]] = r;
  }
}

// One warp per row along a dimension of length len. rows: operands (x, out) over the other
// dimensions. Ties go to the first index; a NaN beats everything (the first NaN wins).
extern "C" __global__ void argmax_f32(Strided rows, long long* out, const float* x, int len, int stride) {
  int lane = threadIdx.x & 31;
  int warpsPerBlock = blockDim.x >> 5;
  for (int r = blockIdx.x * warpsPerBlock + (threadIdx.x >> 5); r < rows.n; r += gridDim.x * warpsPerBlock) {
    int o[2];
    strided_offsets<2>(rows, r, o);
    float best = -INFINITY;
    int bestIdx = len;   // "none yet"
    for (int j = lane; j < len; j += 32) {
      float v = x[o[0] + (long long)j * stride];
      // the scalar scan's rule: take v when it is larger, or the first NaN; nothing replaces a NaN
      bool take = bestIdx == len || (best == best && (v != v || v > best));
      if (take) {
        best = v;
        bestIdx = j;
      }
    }
#pragma unroll
    for (int off = 16; off > 0; off >>= 1) {
      float ob = __shfl_xor_sync(0xffffffffu, best, off);
      int oi = __shfl_xor_sync(0xffffffffu, bestIdx, off);
      bool oNan = ob != ob, mNan = best != best;
      bool take;
      if (oi == len) take = false;
      else if (bestIdx == len) take = true;
      else if (oNan != mNan) take = oNan;
      else if (oNan || ob == best) take = oi < bestIdx;
      else take = ob > best;
      if (take) {
        best = ob;
        bestIdx = oi;
      }
    }
    if (lane == 0) out[o[1]] = bestIdx == len ? 0 : bestIdx;
  }
}

// One block per row. rows: operands (out, x). logMode 0: softmax; 1: log-softmax.
extern "C" __global__ void softmax_fwd(Strided rows, float* out, const float* x, int len, int so, int sx,
                                       int logMode) {
  __shared__ float scratch[32];
  for (int r = blockIdx.x; r < rows.n; r += gridDim.x) {
    int o[2];
    strided_offsets<2>(rows, r, o);
    float* orow = out + o[0];
    const float* xrow = x + o[1];
    float mx = -INFINITY;
    for (int j = threadIdx.x; j < len; j += blockDim.x) mx = fmaxf(mx, xrow[(long long)j * sx]);
    mx = block_max(mx, scratch);
    float sum = 0.0f;
    for (int j = threadIdx.x; j < len; j += blockDim.x) sum += expf(xrow[(long long)j * sx] - mx);
    sum = block_sum(sum, scratch);
    if (logMode) {
      float shift = mx + logf(sum);
      for (int j = threadIdx.x; j < len; j += blockDim.x) orow[(long long)j * so] = xrow[(long long)j * sx] - shift;
    } else {
      float inv = 1.0f / sum;
      for (int j = threadIdx.x; j < len; j += blockDim.x) orow[(long long)j * so] = expf(xrow[(long long)j * sx] - mx) * inv;
    }
  }
}

// rows: operands (dx, y, dy). softmax: dx = y (dy - sum(dy y)); log-softmax: dx = dy - exp(y) sum(dy).
extern "C" __global__ void softmax_bwd(Strided rows, float* dx, const float* y, const float* dy, int len, int sd,
                                       int sy, int sg, int logMode) {
  __shared__ float scratch[32];
  for (int r = blockIdx.x; r < rows.n; r += gridDim.x) {
    int o[3];
    strided_offsets<3>(rows, r, o);
    float* drow = dx + o[0];
    const float* yrow = y + o[1];
    const float* grow = dy + o[2];
    float acc = 0.0f;
    for (int j = threadIdx.x; j < len; j += blockDim.x) {
      float g = grow[(long long)j * sg];
      acc += logMode ? g : g * yrow[(long long)j * sy];
    }
    acc = block_sum(acc, scratch);
    for (int j = threadIdx.x; j < len; j += blockDim.x) {
      float g = grow[(long long)j * sg], yv = yrow[(long long)j * sy];
      drow[(long long)j * sd] = logMode ? g - expf(yv) * acc : yv * (g - acc);
    }
  }
}

// out[r, c] (+)= sum over s of parts[s, r, c], summed in order of s, so the result has the same bits
// on every run. parts: [splits, rows, cols] contiguous; out: rows x cols with row stride outRow.
extern "C" __global__ void sum_parts(float* out, const float* parts, int splits, int rows, int cols, int outRow,
                                     int accumulate) {
  long long total = (long long)rows * cols;
  for (long long e = blockIdx.x * (long long)blockDim.x + threadIdx.x; e < total;
       e += (long long)blockDim.x * gridDim.x) {
    int r = (int)(e / cols), c = (int)(e % cols);
    float s = 0.0f;
    for (int p = 0; p < splits; p++) s += parts[(long long)p * total + e];
    float* dst = out + (long long)r * outRow + c;
    *dst = accumulate ? *dst + s : s;
  }
}
