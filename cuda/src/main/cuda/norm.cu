// norm.cu: RMSNorm (handout eq. 4) and RoPE (section 3.5.3). Rows are contiguous. Reference:
// cs336.engine.cpu.scalar.ScalarNorm and ScalarRope.
#include "common.cuh"

// x, out: (N, C); weight: (C); rstd: (N). One warp per row.
extern "C" __global__ void rmsnorm_fwd(float* out, float* rstd, const float* x, const float* weight, int N, int C,
                                       float eps) {
  int lane = threadIdx.x & 31, warps = blockDim.x >> 5;
  for (int n = blockIdx.x * warps + (threadIdx.x >> 5); n < N; n += gridDim.x * warps) {
    const float* xr = x + (long long)n * C;
    float ss = 0.0f;
    for (int c = lane; c < C; c += 32) ss += xr[c] * xr[c];
    ss = warp_sum(ss);
    float r = 1.0f / sqrtf(ss / C + eps);
    if (lane == 0) rstd[n] = r;
    float* orow = out + (long long)n * C;
    for (int c = lane; c < C; c += 32) orow[c] = xr[c] * r * weight[c];
  }
}

// dx = rstd * (weight * g - xhat * mean(xhat * weight * g)), xhat = x * rstd. One warp per row.
extern "C" __global__ void rmsnorm_bwd_dx(float* dx, const float* x, const float* weight, const float* rstd,
                                          const float* dOut, int N, int C) {
  int lane = threadIdx.x & 31, warps = blockDim.x >> 5;
  for (int n = blockIdx.x * warps + (threadIdx.x >> 5); n < N; n += gridDim.x * warps) {
    const float* xr = x + (long long)n * C;
    const float* gr = dOut + (long long)n * C;
    float r = rstd[n], dot = 0.0f;
    for (int c = lane; c < C; c += 32) dot += gr[c] * weight[c] * xr[c] * r;
    float mean = warp_sum(dot) / C;
    float* d = dx + (long long)n * C;
    for (int c = lane; c < C; c += 32) d[c] = r * (gr[c] * weight[c] - xr[c] * r * mean);
  }
}

// parts[chunk, c] = sum over the chunk's rows of dOut[n, c] * x[n, c] * rstd[n]: the RMSNorm weight
// gradient in row chunks (grid.y = chunks), summed afterwards in order by sum_parts.
extern "C" __global__ void rmsnorm_bwd_dw_parts(float* parts, const float* x, const float* rstd, const float* dOut,
                                                int N, int C, int rowsPerChunk) {
  int c = blockIdx.x * blockDim.x + threadIdx.x;
  if (c >= C) return;
  int start = blockIdx.y * rowsPerChunk, end = min(N, start + rowsPerChunk);
  float s = 0.0f;
  for (int n = start; n < end; n++) s += dOut[(long long)n * C + c] * x[(long long)n * C + c] * rstd[n];
  parts[(long long)blockIdx.y * C + c] = s;
}

// Rotates pair i of each row, (x[2i], x[2i+1]), by pos * theta^(-2i/D) (negated when inverse: the
// backward). The angle, its cosine and sine are computed in double like the CPU's RopeTable, so the
// two agree to float rounding. pos: operand (positions) over the N rows. One thread per pair.
extern "C" __global__ void rope_fwd(Strided pos, float* out, const float* x, const long long* positions, int N, int D,
                                    float theta, int inverse) {
  int half = D / 2;
  long long total = (long long)N * half;
  for (long long e = blockIdx.x * (long long)blockDim.x + threadIdx.x; e < total;
       e += (long long)blockDim.x * gridDim.x) {
    int n = (int)(e / half), i = (int)(e % half);
    int o[1];
    strided_offsets<1>(pos, n, o);
    double angle = (double)positions[o[0]] * pow((double)theta, -2.0 * i / D);
    float c = (float)cos(angle), s = (float)sin(angle);
    if (inverse) s = -s;
    long long at = (long long)n * D + 2 * i;
    float x0 = x[at], x1 = x[at + 1];
    out[at] = x0 * c - x1 * s;
    out[at + 1] = x0 * s + x1 * c;
  }
}
