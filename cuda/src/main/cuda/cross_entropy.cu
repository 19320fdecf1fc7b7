// cross_entropy.cu: softmax + cross-entropy fused (handout section 4.1). Forward keeps one
// log-sum-exp per row; backward turns it back into probabilities while writing the gradient, so the
// N x V probability matrix is never stored. Reference: cs336.engine.cpu.scalar.ScalarCrossEntropy.
#include "common.cuh"

// logits: (N, V) contiguous; targets: operand (targets) over N rows; losses, lse: (N). Block per row.
extern "C" __global__ void ce_fwd(Strided tg, float* losses, float* lse, const float* logits,
                                  const long long* targets, int N, int V, long long* err) {
  __shared__ float scratch[32];
  for (int n = blockIdx.x; n < N; n += gridDim.x) {
    const float* row = logits + (long long)n * V;
    float mx = -INFINITY;
    for (int v = threadIdx.x; v < V; v += blockDim.x) mx = fmaxf(mx, row[v]);
    mx = block_max(mx, scratch);
    float sum = 0.0f;
    for (int v = threadIdx.x; v < V; v += blockDim.x) sum += expf(row[v] - mx);
    sum = block_sum(sum, scratch);
    if (threadIdx.x == 0) {
      int o[1];
      strided_offsets<1>(tg, n, o);
      long long t = targets[o[0]];
      float l = mx + logf(sum);
      lse[n] = l;
      losses[n] = check_index(t, V, ERR_TARGET, err) ? l - row[t] : 0.0f;
    }
  }
}

// dLogits[n, v] = scale * (exp(logits[n, v] - lse[n]) - [v == target]). Block per row.
extern "C" __global__ void ce_bwd(Strided tg, float* dLogits, const float* logits, const long long* targets,
                                  const float* lse, int N, int V, float scale, long long* err) {
  for (int n = blockIdx.x; n < N; n += gridDim.x) {
    int o[1];
    strided_offsets<1>(tg, n, o);
    long long t = targets[o[0]];
    bool ok = t >= 0 && t < V;
    if (threadIdx.x == 0) check_index(t, V, ERR_TARGET, err);
    const float* row = logits + (long long)n * V;
    float* d = dLogits + (long long)n * V;
    float l = lse[n];
    for (int v = threadIdx.x; v < V; v += blockDim.x) {
      float p = scale * expf(row[v] - l);
      d[v] = (ok && v == t) ? p - scale : p;
    }
  }
}
