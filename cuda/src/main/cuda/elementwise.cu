// elementwise.cu: copy, fill, the unary/binary/where kernels and the fused activations (SiLU,
// SwiGLU), each over any same-shape strided operands described by one Strided (operand order = the
// pointer arguments' order, output first). Reference: cs336.engine.cpu.scalar.ScalarElementwise and
// ScalarActivation.
#include "common.cuh"

// ---- copy and fill ----

extern "C" __global__ void copy_f32(Strided s, float* dst, const float* src) {
  FOR_EACH_INDEX(i, s.n) {
    int o[2];
    strided_offsets<2>(s, i, o);
    dst[o[0]] = src[o[1]];
  }
}

extern "C" __global__ void copy_i64(Strided s, long long* dst, const long long* src) {
  FOR_EACH_INDEX(i, s.n) {
    int o[2];
    strided_offsets<2>(s, i, o);
    dst[o[0]] = src[o[1]];
  }
}

extern "C" __global__ void copy_i64_to_f32(Strided s, float* dst, const long long* src) {
  FOR_EACH_INDEX(i, s.n) {
    int o[2];
    strided_offsets<2>(s, i, o);
    dst[o[0]] = (float)src[o[1]];
  }
}

// float -> int64 truncates toward zero like Java's (long) cast (PTX cvt.rzi gives 0 for NaN, as Java).
extern "C" __global__ void copy_f32_to_i64(Strided s, long long* dst, const float* src) {
  FOR_EACH_INDEX(i, s.n) {
    int o[2];
    strided_offsets<2>(s, i, o);
    dst[o[0]] = (long long)src[o[1]];
  }
}

extern "C" __global__ void fill_f32(Strided s, float* dst, float value) {
  FOR_EACH_INDEX(i, s.n) {
    int o[1];
    strided_offsets<1>(s, i, o);
    dst[o[0]] = value;
  }
}

extern "C" __global__ void fill_i64(Strided s, long long* dst, long long value) {
  FOR_EACH_INDEX(i, s.n) {
    int o[1];
    strided_offsets<1>(s, i, o);
    dst[o[0]] = value;
  }
}

// ---- unary, binary, where (cs336.engine.UnaryOp / BinaryOp define each op) ----

__device__ __forceinline__ float apply_unary(int op, float x) {
  switch (op) {
    case U_NEG: return -x;
    case U_EXP: return expf(x);
    case U_LOG: return logf(x);
    case U_SQRT: return sqrtf(x);
    case U_RSQRT: return 1.0f / sqrtf(x);
    case U_RELU: return x > 0.0f ? x : 0.0f;
    case U_SIGMOID: return sigmoidf(x);
    case U_SILU: return x / (1.0f + expf(-x));
    case U_TANH: return tanhf(x);
    case U_ABS: return fabsf(x);
    case U_SQUARE: return x * x;
    default: return 1.0f / x;  // U_RECIPROCAL
  }
}

__device__ __forceinline__ float apply_binary(int op, float a, float b) {
  switch (op) {
    case B_ADD: return a + b;
    case B_SUB: return a - b;
    case B_MUL: return a * b;
    case B_DIV: return a / b;
    case B_POW: return powf(a, b);
    case B_MAX: return java_max(a, b);
    case B_MIN: return java_min(a, b);
    case B_EQ: return a == b ? 1.0f : 0.0f;
    case B_NE: return a != b ? 1.0f : 0.0f;
    case B_GT: return a > b ? 1.0f : 0.0f;
    case B_GE: return a >= b ? 1.0f : 0.0f;
    case B_LT: return a < b ? 1.0f : 0.0f;
    default: return a <= b ? 1.0f : 0.0f;  // B_LE
  }
}

extern "C" __global__ void unary_f32(Strided s, float* out, const float* x, int op) {
  FOR_EACH_INDEX(i, s.n) {
    int o[2];
    strided_offsets<2>(s, i, o);
    out[o[0]] = apply_unary(op, x[o[1]]);
  }
}

extern "C" __global__ void binary_f32(Strided s, float* out, const float* a, const float* b, int op) {
  FOR_EACH_INDEX(i, s.n) {
    int o[3];
    strided_offsets<3>(s, i, o);
    out[o[0]] = apply_binary(op, a[o[1]], b[o[2]]);
  }
}

extern "C" __global__ void binary_scalar_f32(Strided s, float* out, const float* a, float scalar, int op) {
  FOR_EACH_INDEX(i, s.n) {
    int o[2];
    strided_offsets<2>(s, i, o);
    out[o[0]] = apply_binary(op, a[o[1]], scalar);
  }
}

extern "C" __global__ void where_f32(Strided s, float* out, const float* cond, const float* a, const float* b) {
  FOR_EACH_INDEX(i, s.n) {
    int o[4];
    strided_offsets<4>(s, i, o);
    out[o[0]] = cond[o[1]] != 0.0f ? a[o[2]] : b[o[3]];
  }
}

// ---- fused activations (handout eqs. 5-6); silu'(x) = s (1 + x (1 - s)), s = sigmoid(x) ----

extern "C" __global__ void silu_fwd(Strided s, float* out, const float* x) {
  FOR_EACH_INDEX(i, s.n) {
    int o[2];
    strided_offsets<2>(s, i, o);
    float v = x[o[1]];
    out[o[0]] = v * sigmoidf(v);
  }
}

extern "C" __global__ void silu_bwd(Strided s, float* dx, const float* x, const float* dOut) {
  FOR_EACH_INDEX(i, s.n) {
    int o[3];
    strided_offsets<3>(s, i, o);
    float v = x[o[1]], sg = sigmoidf(v);
    dx[o[0]] = dOut[o[2]] * sg * (1.0f + v * (1.0f - sg));
  }
}

extern "C" __global__ void swiglu_fwd(Strided s, float* out, const float* a, const float* b) {
  FOR_EACH_INDEX(i, s.n) {
    int o[3];
    strided_offsets<3>(s, i, o);
    float v = a[o[1]];
    out[o[0]] = v * sigmoidf(v) * b[o[2]];
  }
}

// operands: da, db, a, b, dOut
extern "C" __global__ void swiglu_bwd(Strided s, float* da, float* db, const float* a, const float* b,
                                      const float* dOut) {
  FOR_EACH_INDEX(i, s.n) {
    int o[5];
    strided_offsets<5>(s, i, o);
    float v = a[o[2]], sg = sigmoidf(v), g = dOut[o[4]];
    da[o[0]] = g * b[o[3]] * sg * (1.0f + v * (1.0f - sg));
    db[o[1]] = g * v * sg;
  }
}

// ---- AdamW (handout Algorithm 1) over flat contiguous arrays: one loop over the whole arena ----

extern "C" __global__ void adamw_f32(float* param, float* m, float* v, const float* grad, int n, float beta1,
                                     float beta2, float eps, float alphaT, float decay) {
  FOR_EACH_INDEX(i, n) {
    float g = grad[i];
    float mi = beta1 * m[i] + (1.0f - beta1) * g;      // first moment
    float vi = beta2 * v[i] + (1.0f - beta2) * g * g;  // second moment
    m[i] = mi;
    v[i] = vi;
    float p = param[i] - alphaT * mi / (sqrtf(vi) + eps);  // Adam step
    param[i] = p - decay * p;                              // decoupled weight decay
  }
}
