// matmul.cu: batched GEMM on the tensor cores, C (+)= A B with FP32 accumulation, for any strides of
// A and B (a transposed operand is just swapped strides) and C with unit column stride. Reference:
// cs336.engine.cpu.gemm.GemmReference; contract: cs336.engine.Kernels#matmul.
//
// Two precisions, one tiling:
//   gemm_tf32x3: FP32-accurate. Each float x is split into a TF32 "big" part and the TF32 rounding
//                of the rest, x = big + small, and a b ~ big_a big_b + big_a small_b + small_a big_b
//                (the dropped small_a small_b is below FP32 rounding): three m16n8k8 TF32 MMAs per
//                product, error like an FP32 FMA loop. The default ("fp32" mode).
//   gemm_bf16:   inputs rounded to BF16 while they are staged in shared memory, m16n8k16 BF16 MMAs,
//                FP32 accumulation ("bf16" mode: mixed precision; the arrays themselves stay FP32, so
//                master weights and optimizer state are FP32 by construction).
//
// Tiling: a block of 256 threads (8 warps, 2 x 4) computes a 128 x 128 tile of C; each warp a 64 x 32
// sub-tile (4 x 4 MMA tiles). K advances 32 at a time: global -> registers (the next tile's loads are
// issued before the current tile's MMAs, so they are in flight while the tensor cores work) ->
// shared memory (converted, k contiguous, rows padded so fragment loads hit 32 different banks) ->
// fragments. Out-of-range rows, columns and k are zero-filled, so any m, n, k work.
//
// Fragment layouts (PTX ISA, "Matrix fragments for mma.m16n8k8 / m16n8k16"), g = lane / 4,
// t = lane % 4:
//   tf32 m16n8k8  A: a0 (g, t) a1 (g+8, t) a2 (g, t+4) a3 (g+8, t+4)     B: b0 (k=t, n=g) b1 (k=t+4, n=g)
//   bf16 m16n8k16 A: a0 (g, 2t..2t+1) a1 (g+8, 2t..) a2 (g, 2t+8..) a3 (g+8, 2t+8..)
//                 B: b0 (k=2t..2t+1, n=g) b1 (k=2t+8..2t+9, n=g)        (lower k/column in the low half)
//   C (both):     c0 (g, 2t) c1 (g, 2t+1) c2 (g+8, 2t) c3 (g+8, 2t+1)
#include "common.cuh"
#include <cuda_bf16.h>

// One call's operands. The Java side (CudaMatmul.java) packs it byte for byte.
struct Gemm {
  const float* a;  // element (i, p) at a[i*aRow + p*aCol]
  const float* b;  // element (p, j) at b[p*bRow + j*bCol]
  float* c;        // element (i, j) at c[i*cRow + j]; with splits > 1, the parts buffer [splits, m, n]
  int m, n, k;
  int aRow, aCol, bRow, bCol, cRow;
  int accumulate;  // C += A B instead of C = A B
  int splits;      // > 1: grid.z is the split of K (batch must be 1); parts are summed by sum_parts
  int kChunk;      // K per split
  int zBase;       // first batch index of this launch (a grid holds at most 65535 in z)
};

constexpr int BM = 128, BN = 128, BK = 32, THREADS = 256;
constexpr int LD_F32 = BK + 4;   // floats per shared row: row r starts at bank 4r, conflict-free
constexpr int LD_BF16 = BK + 8;  // bf16 per shared row (20 words): conflict-free 32-bit loads

// ---- staging: a 128 x BK tile of a matrix X (element (r, kk) at x[r*rs + kk*ks]) ----

// Which thread loads which element. kMajor: a warp reads 32 consecutive k of one row (coalesced when
// ks == 1); otherwise a warp reads 32 consecutive rows at one k (coalesced when rs == 1).
__device__ __forceinline__ void tile_coord(int e, bool kMajor, int& r, int& kk) {
  int tid = threadIdx.x;
  if (kMajor) {
    kk = tid & 31;
    r = (tid >> 5) + 8 * e;
  } else {
    r = (tid & 31) + 32 * (e >> 2);
    kk = (tid >> 5) + 8 * (e & 3);
  }
}

__device__ __forceinline__ void load_tile(float (&st)[16], const float* x, int rs, int ks, bool kMajor, int r0,
                                          int rows, int k0, int kEnd) {
#pragma unroll
  for (int e = 0; e < 16; e++) {
    int r, kk;
    tile_coord(e, kMajor, r, kk);
    int gr = r0 + r, gk = k0 + kk;
    st[e] = (gr < rows && gk < kEnd) ? x[(long long)gr * rs + (long long)gk * ks] : 0.0f;
  }
}

template <typename T>
__device__ __forceinline__ T to_shared(float x);
template <>
__device__ __forceinline__ float to_shared<float>(float x) { return x; }
template <>
__device__ __forceinline__ __nv_bfloat16 to_shared<__nv_bfloat16>(float x) { return __float2bfloat16_rn(x); }

template <typename T, int LD>
__device__ __forceinline__ void store_tile(T* sm, const float (&st)[16], bool kMajor) {
#pragma unroll
  for (int e = 0; e < 16; e++) {
    int r, kk;
    tile_coord(e, kMajor, r, kk);
    sm[r * LD + kk] = to_shared<T>(st[e]);
  }
}

// ---- the MMA instructions ----

__device__ __forceinline__ uint32_t to_tf32(float x) {
  uint32_t r;
  asm("cvt.rna.tf32.f32 %0, %1;" : "=r"(r) : "f"(x));
  return r;
}

// x = big + small, both TF32.
__device__ __forceinline__ void split_tf32(float x, uint32_t& big, uint32_t& small) {
  big = to_tf32(x);
  small = to_tf32(x - __uint_as_float(big));
}

__device__ __forceinline__ void mma_tf32(float (&c)[4], const uint32_t (&a)[4], const uint32_t (&b)[2]) {
  asm volatile(
      "mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};"
      : "+f"(c[0]), "+f"(c[1]), "+f"(c[2]), "+f"(c[3])
      : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
}

__device__ __forceinline__ void mma_bf16(float (&c)[4], const uint32_t (&a)[4], const uint32_t (&b)[2]) {
  asm volatile(
      "mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};"
      : "+f"(c[0]), "+f"(c[1]), "+f"(c[2]), "+f"(c[3])
      : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
}

__device__ __forceinline__ uint32_t ld32(const __nv_bfloat16* p) { return *reinterpret_cast<const uint32_t*>(p); }

// ---- one warp's 64 x 32 product of the tiles in shared memory ----

struct WarpPos {
  int wm, wn, g, t;
  __device__ WarpPos() {
    int warp = threadIdx.x >> 5, lane = threadIdx.x & 31;
    wm = warp >> 2;
    wn = warp & 3;
    g = lane >> 2;
    t = lane & 3;
  }
};

__device__ __forceinline__ void warp_mma_tf32x3(float (&acc)[4][4][4], const float* As, const float* Bs,
                                                const WarpPos& w) {
#pragma unroll
  for (int ks = 0; ks < BK; ks += 8) {
    uint32_t aBig[4][4], aSmall[4][4], bBig[4][2], bSmall[4][2];
#pragma unroll
    for (int mi = 0; mi < 4; mi++) {
      const float* r = As + (w.wm * 64 + mi * 16 + w.g) * LD_F32 + ks + w.t;
      split_tf32(r[0], aBig[mi][0], aSmall[mi][0]);
      split_tf32(r[8 * LD_F32], aBig[mi][1], aSmall[mi][1]);
      split_tf32(r[4], aBig[mi][2], aSmall[mi][2]);
      split_tf32(r[8 * LD_F32 + 4], aBig[mi][3], aSmall[mi][3]);
    }
#pragma unroll
    for (int ni = 0; ni < 4; ni++) {
      const float* r = Bs + (w.wn * 32 + ni * 8 + w.g) * LD_F32 + ks + w.t;
      split_tf32(r[0], bBig[ni][0], bSmall[ni][0]);
      split_tf32(r[4], bBig[ni][1], bSmall[ni][1]);
    }
#pragma unroll
    for (int mi = 0; mi < 4; mi++) {
#pragma unroll
      for (int ni = 0; ni < 4; ni++) {
        mma_tf32(acc[mi][ni], aSmall[mi], bBig[ni]);  // small terms first, the big one last
        mma_tf32(acc[mi][ni], aBig[mi], bSmall[ni]);
        mma_tf32(acc[mi][ni], aBig[mi], bBig[ni]);
      }
    }
  }
}

__device__ __forceinline__ void warp_mma_bf16(float (&acc)[4][4][4], const __nv_bfloat16* As,
                                              const __nv_bfloat16* Bs, const WarpPos& w) {
#pragma unroll
  for (int ks = 0; ks < BK; ks += 16) {
    uint32_t af[4][4], bf[4][2];
#pragma unroll
    for (int mi = 0; mi < 4; mi++) {
      const __nv_bfloat16* r = As + (w.wm * 64 + mi * 16 + w.g) * LD_BF16 + ks + 2 * w.t;
      af[mi][0] = ld32(r);
      af[mi][1] = ld32(r + 8 * LD_BF16);
      af[mi][2] = ld32(r + 8);
      af[mi][3] = ld32(r + 8 * LD_BF16 + 8);
    }
#pragma unroll
    for (int ni = 0; ni < 4; ni++) {
      const __nv_bfloat16* r = Bs + (w.wn * 32 + ni * 8 + w.g) * LD_BF16 + ks + 2 * w.t;
      bf[ni][0] = ld32(r);
      bf[ni][1] = ld32(r + 8);
    }
#pragma unroll
    for (int mi = 0; mi < 4; mi++) {
#pragma unroll
      for (int ni = 0; ni < 4; ni++) mma_bf16(acc[mi][ni], af[mi], bf[ni]);
    }
  }
}

// ---- the kernel body shared by both precisions ----

template <typename T, int LD, bool BF16>
__device__ void gemm_body(const Gemm& g, const Strided& batch) {
  __shared__ __align__(16) T As[BM * LD];
  __shared__ __align__(16) T Bs[BN * LD];
  const float* a = g.a;
  const float* b = g.b;
  float* c = g.c;
  int kBegin = 0, kEnd = g.k;
  if (g.splits > 1) {
    kBegin = blockIdx.z * g.kChunk;
    kEnd = min(g.k, kBegin + g.kChunk);
    c += (long long)blockIdx.z * g.m * g.n;
  } else if (batch.n > 0) {
    int o[3];
    strided_offsets<3>(batch, g.zBase + blockIdx.z, o);
    a += o[0];
    b += o[1];
    c += o[2];
  }
  int m0 = blockIdx.y * BM, n0 = blockIdx.x * BN;
  // A seen as rows i, columns p; B seen transposed, as rows j, columns p (both k-contiguous in smem).
  bool aKMajor = !(g.aRow == 1 && g.aCol != 1);
  bool bKMajor = !(g.bCol == 1 && g.bRow != 1);
  WarpPos w;
  float acc[4][4][4];
#pragma unroll
  for (int mi = 0; mi < 4; mi++)
#pragma unroll
    for (int ni = 0; ni < 4; ni++)
#pragma unroll
      for (int e = 0; e < 4; e++) acc[mi][ni][e] = 0.0f;

  float sa[16], sb[16];
  load_tile(sa, a, g.aRow, g.aCol, aKMajor, m0, g.m, kBegin, kEnd);
  load_tile(sb, b, g.bCol, g.bRow, bKMajor, n0, g.n, kBegin, kEnd);
  for (int k0 = kBegin; k0 < kEnd; k0 += BK) {
    store_tile<T, LD>(As, sa, aKMajor);
    store_tile<T, LD>(Bs, sb, bKMajor);
    __syncthreads();
    if (k0 + BK < kEnd) {  // next tile's loads fly while this tile multiplies
      load_tile(sa, a, g.aRow, g.aCol, aKMajor, m0, g.m, k0 + BK, kEnd);
      load_tile(sb, b, g.bCol, g.bRow, bKMajor, n0, g.n, k0 + BK, kEnd);
    }
    if constexpr (BF16) {
      warp_mma_bf16(acc, reinterpret_cast<const __nv_bfloat16*>(As), reinterpret_cast<const __nv_bfloat16*>(Bs), w);
    } else {
      warp_mma_tf32x3(acc, reinterpret_cast<const float*>(As), reinterpret_cast<const float*>(Bs), w);
    }
    __syncthreads();
  }

  int cRow = g.splits > 1 ? g.n : g.cRow;
  bool accumulate = g.splits > 1 ? false : g.accumulate != 0;
#pragma unroll
  for (int mi = 0; mi < 4; mi++) {
#pragma unroll
    for (int ni = 0; ni < 4; ni++) {
      int r = m0 + w.wm * 64 + mi * 16 + w.g, col = n0 + w.wn * 32 + ni * 8 + 2 * w.t;
#pragma unroll
      for (int e = 0; e < 4; e++) {
        int rr = r + (e >> 1) * 8, cc = col + (e & 1);
        if (rr < g.m && cc < g.n) {
          float* dst = c + (long long)rr * cRow + cc;
          *dst = accumulate ? *dst + acc[mi][ni][e] : acc[mi][ni][e];
        }
      }
    }
  }
}

// grid (ceil(n / 128), ceil(m / 128), batch or splits), block 256. batch: operands (a, b, c) over
// the batch dimensions (n = 0 when there are none).
extern "C" __global__ void __launch_bounds__(THREADS) gemm_tf32x3(Gemm g, Strided batch) {
  gemm_body<float, LD_F32, false>(g, batch);
}

extern "C" __global__ void __launch_bounds__(THREADS) gemm_bf16(Gemm g, Strided batch) {
  gemm_body<__nv_bfloat16, LD_BF16, true>(g, batch);
}
