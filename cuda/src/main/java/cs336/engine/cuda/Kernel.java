package cs336.engine.cuda;

import cs336.engine.cuda.KernelArgs.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * Every CUDA kernel the Java side launches: its PTX module (the .cu file it is in) and the argument
 * signature Java packs for it, one letter per parameter: {@code p} device pointer, {@code l} int64,
 * {@code i} int, {@code f} float, {@code S} {@link Strided}, {@code G} the GEMM struct, {@code A} the
 * attention shape, {@code V} an attention view. {@code PtxResourcesTest} checks each against the PTX
 * (name present, same parameter sizes and alignments), and every launch checks that the packed
 * arguments match the signature, so a C change that is not mirrored here fails loudly.
 */
enum Kernel {
  // elementwise.cu
  COPY_F32("elementwise", "copy_f32", "Spp"),
  COPY_I64("elementwise", "copy_i64", "Spp"),
  COPY_I64_TO_F32("elementwise", "copy_i64_to_f32", "Spp"),
  COPY_F32_TO_I64("elementwise", "copy_f32_to_i64", "Spp"),
  FILL_F32("elementwise", "fill_f32", "Spf"),
  FILL_I64("elementwise", "fill_i64", "Spl"),
  UNARY_F32("elementwise", "unary_f32", "Sppi"),
  BINARY_F32("elementwise", "binary_f32", "Spppi"),
  BINARY_SCALAR_F32("elementwise", "binary_scalar_f32", "Sppfi"),
  WHERE_F32("elementwise", "where_f32", "Spppp"),
  SILU_FWD("elementwise", "silu_fwd", "Spp"),
  SILU_BWD("elementwise", "silu_bwd", "Sppp"),
  SWIGLU_FWD("elementwise", "swiglu_fwd", "Sppp"),
  SWIGLU_BWD("elementwise", "swiglu_bwd", "Sppppp"),
  ADAMW_F32("elementwise", "adamw_f32", "ppppifffff"),
  // reduce.cu
  REDUCE_F32("reduce", "reduce_f32", "SSppi"),
  ARGMAX_F32("reduce", "argmax_f32", "Sppii"),
  SOFTMAX_FWD("reduce", "softmax_fwd", "Sppiiii"),
  SOFTMAX_BWD("reduce", "softmax_bwd", "Spppiiiii"),
  SUM_PARTS("reduce", "sum_parts", "ppiiiii"),
  // index.cu
  EMBEDDING_FWD("index", "embedding_fwd", "Spppiiiiip"),
  EMBEDDING_BWD("index", "embedding_bwd", "Spppiiiiip"),
  GATHER_F32("index", "gather_f32", "Spppiip"),
  SCATTER_ADD_F32("index", "scatter_add_f32", "Spppiip"),
  // norm.cu
  RMSNORM_FWD("norm", "rmsnorm_fwd", "ppppiif"),
  RMSNORM_BWD_DX("norm", "rmsnorm_bwd_dx", "pppppii"),
  RMSNORM_BWD_DW_PARTS("norm", "rmsnorm_bwd_dw_parts", "ppppiii"),
  ROPE_FWD("norm", "rope_fwd", "Spppiifi"),
  // cross_entropy.cu
  CE_FWD("cross_entropy", "ce_fwd", "Sppppiip"),
  CE_BWD("cross_entropy", "ce_bwd", "Sppppiifp"),
  // matmul.cu
  GEMM_TF32X3("matmul", "gemm_tf32x3", "GS"),
  GEMM_BF16("matmul", "gemm_bf16", "GS"),
  // attention.cu
  ATTN_BWD_DELTA("attention", "attn_bwd_delta", "AVVp"),
  ATTN_FWD_16("attention", "attn_fwd_16", "AVVVVp"),
  ATTN_FWD_32("attention", "attn_fwd_32", "AVVVVp"),
  ATTN_FWD_64("attention", "attn_fwd_64", "AVVVVp"),
  ATTN_FWD_128("attention", "attn_fwd_128", "AVVVVp"),
  ATTN_BWD_DKDV_16("attention", "attn_bwd_dkdv_16", "AVVVVVVpp"),
  ATTN_BWD_DKDV_32("attention", "attn_bwd_dkdv_32", "AVVVVVVpp"),
  ATTN_BWD_DKDV_64("attention", "attn_bwd_dkdv_64", "AVVVVVVpp"),
  ATTN_BWD_DKDV_128("attention", "attn_bwd_dkdv_128", "AVVVVVVpp"),
  ATTN_BWD_DQ_16("attention", "attn_bwd_dq_16", "AVVVVVpp"),
  ATTN_BWD_DQ_32("attention", "attn_bwd_dq_32", "AVVVVVpp"),
  ATTN_BWD_DQ_64("attention", "attn_bwd_dq_64", "AVVVVVpp"),
  ATTN_BWD_DQ_128("attention", "attn_bwd_dq_128", "AVVVVVpp");

  /** The PTX modules (resources {@code ptx/<name>.ptx}), one per .cu file. */
  static final List<String> MODULES =
      List.of("elementwise", "reduce", "index", "norm", "cross_entropy", "matmul", "attention");

  /** sizeof and alignment of the C structs (common.cuh, matmul.cu, attention.cu). */
  static final Param STRIDED = Param.struct(Strided.BYTES, 4);
  static final Param GEMM = Param.struct(72, 8);
  static final Param ATTN_SHAPE = Param.struct(28, 4);
  static final Param VIEW = Param.struct(24, 8);

  final String module;
  final String entry;
  final String signature;
  private volatile List<Param> params;   // computed on first use (the struct constants come after the enum constants)

  Kernel(String module, String entry, String signature) {
    this.module = module;
    this.entry = entry;
    this.signature = signature;
  }

  /** The parameter types the signature letters stand for. */
  List<Param> params() {
    List<Param> p = params;
    if (p == null) params = p = List.copyOf(parse());
    return p;
  }

  private List<Param> parse() {
    List<Param> out = new ArrayList<>();
    for (char c : signature.toCharArray()) {
      out.add(switch (c) {
        case 'p', 'l' -> Param.U64;
        case 'i' -> Param.U32;
        case 'f' -> Param.F32;
        case 'S' -> STRIDED;
        case 'G' -> GEMM;
        case 'A' -> ATTN_SHAPE;
        case 'V' -> VIEW;
        default -> throw new IllegalStateException("unknown signature letter " + c + " in " + entry);
      });
    }
    return out;
  }

  /** Throws unless {@code args} has exactly this kernel's parameter types. */
  void checkArgs(KernelArgs args) {
    if (!args.params().equals(params())) {
      throw new IllegalStateException("kernel " + entry + " expects " + params() + " but was given "
          + args.params());
    }
  }
}
