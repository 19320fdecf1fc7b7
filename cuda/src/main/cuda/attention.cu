// attention.cu: causal flash attention, forward and backward, without a T x T matrix
// (FlashAttention-2's loop order, in FP32 on the CUDA cores). Reference:
// cs336.engine.cpu.attention.AttentionReference; contract: cs336.engine.Kernels#attention.
//
//   S[i, j] = scale * q_i . k_j, hidden where causal and j > i + (Tk - Tq)
//   P = softmax_j(S),  o_i = sum_j P[i, j] v_j,  lse_i = log sum_j exp(S[i, j])
//   backward: delta_i = dO_i . o_i,  dS = P (dO v^T - delta) scale,
//             dv_j = sum_i P[i, j] dO_i,  dk_j = sum_i dS[i, j] q_i,  dq_i = sum_j dS[i, j] k_j
//
// One thread owns one query row (forward, dq) or one key row (dk, dv) and keeps that row and its
// accumulators in registers; the other side streams through shared memory in tiles, which every
// thread of the block reads at the same address (a broadcast, no bank conflicts). Each kernel is
// instantiated for head sizes 16, 32, 64 and 128 (DT); a smaller D runs in the next size up with
// the extra lanes zero. The TinyStories model has D = 32.
#include "common.cuh"

// Shapes and flags of one call.
struct AttnShape {
  int B, H, Tq, Tk, D;
  float scale;
  int causal;
};

// A [B, H, T, D] operand with a contiguous last dimension: element (b, h, t, d) at
// p[b*sb + h*sh + t*st + d].
struct View {
  float* p;
  int sb, sh, st;
};

__device__ __forceinline__ float* row_of(const View& v, int b, int h, int t) {
  return v.p + (long long)b * v.sb + (long long)h * v.sh + (long long)t * v.st;
}

// Last key index query i may see (inclusive); -1 when none.
__device__ __forceinline__ int last_key(const AttnShape& a, int i) {
  return a.causal ? min(a.Tk - 1, i + (a.Tk - a.Tq)) : a.Tk - 1;
}

constexpr int ROWS = 64;  // rows owned per block (one per thread)
template <int DT> struct Tile { static constexpr int N = DT <= 64 ? 64 : 32; };  // streamed rows per tile

template <int DT>
__device__ __forceinline__ void load_row(float (&r)[DT], const float* src, int D, bool valid) {
#pragma unroll
  for (int d = 0; d < DT; d++) r[d] = (valid && d < D) ? src[d] : 0.0f;
}

// Cooperative load of rows [t0, t0 + n) of `v` for (b, h) into sm[n][DT], zero beyond T or D.
template <int DT>
__device__ __forceinline__ void load_tile(float* sm, const View& v, int b, int h, int t0, int n, int T, int D) {
  for (int e = threadIdx.x; e < n * DT; e += blockDim.x) {
    int r = e / DT, d = e % DT, t = t0 + r;
    sm[e] = (t < T && d < D) ? row_of(v, b, h, t)[d] : 0.0f;
  }
}

// ---- forward: grid (ceil(Tq / ROWS), B * H), block ROWS ----

template <int DT>
__device__ void attn_fwd(AttnShape a, View q, View k, View v, View o, float* lse) {
  constexpr int TN = Tile<DT>::N;
  __shared__ float Ks[TN * DT], Vs[TN * DT];
  __shared__ float S[TN * ROWS];  // this tile's scores, S[jj * ROWS + thread]: a column per thread
  int b = blockIdx.y / a.H, h = blockIdx.y % a.H;
  int i = blockIdx.x * ROWS + threadIdx.x;
  bool valid = i < a.Tq;
  int last = valid ? last_key(a, i) : -1;
  int blockLast = last_key(a, min(a.Tq - 1, blockIdx.x * ROWS + ROWS - 1));
  float qr[DT], acc[DT];
  load_row<DT>(qr, valid ? row_of(q, b, h, i) : nullptr, a.D, valid);
#pragma unroll
  for (int d = 0; d < DT; d++) acc[d] = 0.0f;
  float m = -INFINITY, l = 0.0f;
  for (int j0 = 0; j0 <= blockLast; j0 += TN) {
    __syncthreads();
    load_tile<DT>(Ks, k, b, h, j0, TN, a.Tk, a.D);
    load_tile<DT>(Vs, v, b, h, j0, TN, a.Tk, a.D);
    __syncthreads();
    // pass 1: scores and the tile's max (online softmax: one rescale per tile, not per key)
    float mt = m;
#pragma unroll 2
    for (int jj = 0; jj < TN; jj++) {
      float dot = 0.0f;
#pragma unroll
      for (int d = 0; d < DT; d++) dot += qr[d] * Ks[jj * DT + d];
      float s = j0 + jj <= last ? dot * a.scale : -INFINITY;
      S[jj * ROWS + threadIdx.x] = s;
      mt = fmaxf(mt, s);
    }
    if (mt == -INFINITY) continue;                    // nothing visible in this tile yet
    float corr = expf(m - mt);                        // rescale what was summed under the old max
    l *= corr;
#pragma unroll
    for (int d = 0; d < DT; d++) acc[d] *= corr;
    // pass 2: probabilities times values
#pragma unroll 2
    for (int jj = 0; jj < TN; jj++) {
      float p = expf(S[jj * ROWS + threadIdx.x] - mt);
      l += p;
#pragma unroll
      for (int d = 0; d < DT; d++) acc[d] += p * Vs[jj * DT + d];
    }
    m = mt;
  }
  if (!valid) return;
  float* orow = row_of(o, b, h, i);
  float inv = l > 0.0f ? 1.0f / l : 0.0f;
#pragma unroll
  for (int d = 0; d < DT; d++) if (d < a.D) orow[d] = acc[d] * inv;
  lse[((long long)b * a.H + h) * a.Tq + i] = l > 0.0f ? m + logf(l) : -INFINITY;
}

// ---- backward, step 1: delta_i = dO_i . o_i, one thread per query row ----

extern "C" __global__ void attn_bwd_delta(AttnShape a, View o, View dO, float* delta) {
  long long rows = (long long)a.B * a.H * a.Tq;
  for (long long r = blockIdx.x * (long long)blockDim.x + threadIdx.x; r < rows; r += (long long)blockDim.x * gridDim.x) {
    int i = (int)(r % a.Tq), bh = (int)(r / a.Tq), b = bh / a.H, h = bh % a.H;
    const float* orow = row_of(o, b, h, i);
    const float* grow = row_of(dO, b, h, i);
    float s = 0.0f;
    for (int d = 0; d < a.D; d++) s += grow[d] * orow[d];
    delta[r] = s;
  }
}

// ---- backward, step 2: dk and dv, one thread per key row; queries stream through shared memory ----

template <int DT>
__device__ void attn_bwd_dkdv(AttnShape a, View q, View k, View v, View dO, View dk, View dv, const float* lse,
                              const float* delta) {
  constexpr int TN = Tile<DT>::N;
  __shared__ float Qs[TN * DT], Gs[TN * DT], Ls[TN], Ds[TN];
  int b = blockIdx.y / a.H, h = blockIdx.y % a.H;
  int j = blockIdx.x * ROWS + threadIdx.x;
  bool valid = j < a.Tk;
  int off = a.Tk - a.Tq;
  float kr[DT], vr[DT], dkr[DT], dvr[DT];
  load_row<DT>(kr, valid ? row_of(k, b, h, j) : nullptr, a.D, valid);
  load_row<DT>(vr, valid ? row_of(v, b, h, j) : nullptr, a.D, valid);
#pragma unroll
  for (int d = 0; d < DT; d++) dkr[d] = dvr[d] = 0.0f;
  // The first query that sees this block's first key: i + off >= j  <=>  i >= j - off.
  int firstQuery = a.causal ? max(0, (int)blockIdx.x * ROWS - off) : 0;
  const float* lseBh = lse + ((long long)b * a.H + h) * a.Tq;
  const float* deltaBh = delta + ((long long)b * a.H + h) * a.Tq;
  for (int i0 = firstQuery; i0 < a.Tq; i0 += TN) {
    __syncthreads();
    load_tile<DT>(Qs, q, b, h, i0, TN, a.Tq, a.D);
    load_tile<DT>(Gs, dO, b, h, i0, TN, a.Tq, a.D);
    for (int e = threadIdx.x; e < TN; e += blockDim.x) {
      bool in = i0 + e < a.Tq;
      Ls[e] = in ? lseBh[i0 + e] : INFINITY;
      Ds[e] = in ? deltaBh[i0 + e] : 0.0f;
    }
    __syncthreads();
#pragma unroll 2
    for (int ii = 0; ii < TN; ii++) {
      int i = i0 + ii;
      bool seen = valid && i < a.Tq && !(a.causal && j > i + off);
      float dot = 0.0f, dp = 0.0f;
#pragma unroll
      for (int d = 0; d < DT; d++) {
        dot += Qs[ii * DT + d] * kr[d];
        dp += Gs[ii * DT + d] * vr[d];
      }
      float p = seen ? expf(dot * a.scale - Ls[ii]) : 0.0f;
      float ds = p * (dp - Ds[ii]) * a.scale;
#pragma unroll
      for (int d = 0; d < DT; d++) {
        dvr[d] += p * Gs[ii * DT + d];
        dkr[d] += ds * Qs[ii * DT + d];
      }
    }
  }
  if (!valid) return;
  float* dkrow = row_of(dk, b, h, j);
  float* dvrow = row_of(dv, b, h, j);
#pragma unroll
  for (int d = 0; d < DT; d++) {
    if (d < a.D) {
      dkrow[d] = dkr[d];
      dvrow[d] = dvr[d];
    }
  }
}

// ---- backward, step 3: dq, one thread per query row; keys stream through shared memory ----

template <int DT>
__device__ void attn_bwd_dq(AttnShape a, View q, View k, View v, View dO, View dq, const float* lse,
                            const float* delta) {
  constexpr int TN = Tile<DT>::N;
  __shared__ float Ks[TN * DT], Vs[TN * DT];
  int b = blockIdx.y / a.H, h = blockIdx.y % a.H;
  int i = blockIdx.x * ROWS + threadIdx.x;
  bool valid = i < a.Tq;
  int last = valid ? last_key(a, i) : -1;
  int blockLast = last_key(a, min(a.Tq - 1, blockIdx.x * ROWS + ROWS - 1));
  float qr[DT], gr[DT], dqr[DT];
  load_row<DT>(qr, valid ? row_of(q, b, h, i) : nullptr, a.D, valid);
  load_row<DT>(gr, valid ? row_of(dO, b, h, i) : nullptr, a.D, valid);
#pragma unroll
  for (int d = 0; d < DT; d++) dqr[d] = 0.0f;
  long long r = ((long long)b * a.H + h) * a.Tq + i;
  float l = valid ? lse[r] : 0.0f, dl = valid ? delta[r] : 0.0f;
  for (int j0 = 0; j0 <= blockLast; j0 += TN) {
    __syncthreads();
    load_tile<DT>(Ks, k, b, h, j0, TN, a.Tk, a.D);
    load_tile<DT>(Vs, v, b, h, j0, TN, a.Tk, a.D);
    __syncthreads();
#pragma unroll 2
    for (int jj = 0; jj < TN; jj++) {
      float dot = 0.0f, dp = 0.0f;
#pragma unroll
      for (int d = 0; d < DT; d++) {
        dot += qr[d] * Ks[jj * DT + d];
        dp += gr[d] * Vs[jj * DT + d];
      }
      float p = j0 + jj <= last ? expf(dot * a.scale - l) : 0.0f;
      float ds = p * (dp - dl) * a.scale;
#pragma unroll
      for (int d = 0; d < DT; d++) dqr[d] += ds * Ks[jj * DT + d];
    }
  }
  if (!valid) return;
  float* dqrow = row_of(dq, b, h, i);
#pragma unroll
  for (int d = 0; d < DT; d++) if (d < a.D) dqrow[d] = dqr[d];
}

// ---- the entry points, one per head size ----

#define ATTN_ENTRIES(DT)                                                                                       \
  extern "C" __global__ void __launch_bounds__(ROWS) attn_fwd_##DT(AttnShape a, View q, View k, View v, View o,  \
                                                                   float* lse) {                               \
    attn_fwd<DT>(a, q, k, v, o, lse);                                                                          \
  }                                                                                                            \
  extern "C" __global__ void __launch_bounds__(ROWS) attn_bwd_dkdv_##DT(AttnShape a, View q, View k, View v,     \
      View dO, View dk, View dv, const float* lse, const float* delta) {                                        \
    attn_bwd_dkdv<DT>(a, q, k, v, dO, dk, dv, lse, delta);                                                     \
  }                                                                                                            \
  extern "C" __global__ void __launch_bounds__(ROWS) attn_bwd_dq_##DT(AttnShape a, View q, View k, View v,       \
      View dO, View dq, const float* lse, const float* delta) {                                                \
    attn_bwd_dq<DT>(a, q, k, v, dO, dq, lse, delta);                                                           \
  }

ATTN_ENTRIES(16)
ATTN_ENTRIES(32)
ATTN_ENTRIES(64)
ATTN_ENTRIES(128)
