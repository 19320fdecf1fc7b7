package cs336.experiments.cuda;

import cs336.engine.AdamWStep;
import cs336.engine.BinaryOp;
import cs336.engine.DType;
import cs336.engine.Device;
import cs336.engine.NDArray;
import cs336.engine.ReduceOp;
import cs336.engine.UnaryOp;
import cs336.engine.cpu.CpuDevice;
import cs336.engine.cuda.Precision;
import java.util.Random;

/**
 * Every {@link cs336.engine.Kernels} operation on the GPU against the CPU engine on the same inputs:
 * awkward sizes (1, odd, past a tile), strided, transposed and broadcast operands, both matmul
 * precisions, attention with Tq != Tk and head sizes of every instantiation, and the deferred error
 * of a bad token id. Tolerances: FP32 kernels agree with the CPU to rounding (atol 1e-5 .. 1e-4 with
 * rtol 1e-4); BF16 matmul is compared relative to the result's scale.
 */
final class KernelChecks {
  private final DeviceUnderTest dut;
  private final Device gpu;
  private final CheckLog log = new CheckLog("kernel");
  private final Random rng = new Random(336);

  KernelChecks(DeviceUnderTest dut) {
    this.dut = dut;
    this.gpu = dut.device();
  }

  static final Device CPU = CpuDevice.CPU;

  private NDArray randn(int... shape) {
    return NDArray.randn(rng, shape);
  }

  private NDArray ids(int bound, int... shape) {
    long[] v = new long[cs336.engine.Shapes.numel(shape)];
    for (int i = 0; i < v.length; i++) v[i] = rng.nextInt(bound);
    return NDArray.ofLongs(v, shape);
  }

  private NDArray g(NDArray cpu) {
    return cpu.to(gpu);
  }

  CheckLog run() {
    copyAndFill();
    elementwise();
    reductions();
    softmax();
    for (Precision p : Precision.values()) matmul(p);
    indexing();
    fused();
    attention();
    adamw();
    badTokenId();
    return log;
  }

  // ---- copy, fill, elementwise ----

  private void copyAndFill() {
    NDArray x = randn(37, 53);
    log.run("copy transposed", () -> log.compare("copy transposed", x.transpose(0, 1).contiguous(),
        g(x).transpose(0, 1).contiguous(), 0, 0));
    NDArray idx = ids(1000, 5, 7);
    log.run("copy int64 strided", () -> log.compare("copy int64 strided", idx.transpose(0, 1).contiguous(),
        g(idx).transpose(0, 1).contiguous(), 0, 0));
    NDArray scaled = x.mul(100f);
    log.run("float -> int64 truncates", () -> log.compare("float -> int64 truncates", scaled.to(DType.INT64),
        g(scaled).to(DType.INT64), 0, 0));
    log.run("int64 -> float", () -> log.compare("int64 -> float", idx.to(DType.FLOAT32), g(idx).to(DType.FLOAT32), 0, 0));
    log.run("fill float and int64 views", () -> {
      NDArray c = NDArray.zeros(6, 8), d = g(c);
      c.narrow(1, 2, 3).fill(2.5);
      d.narrow(1, 2, 3).fill(2.5);
      log.compare("fill float view", c, d, 0, 0);
      NDArray l = NDArray.zeros(CPU, DType.INT64, 4, 4), m = g(l);
      l.transpose(0, 1).narrow(0, 1, 2).fill(7);
      m.transpose(0, 1).narrow(0, 1, 2).fill(7);
      log.compare("fill int64 view", l, m, 0, 0);
    });
  }

  private void elementwise() {
    NDArray x = randn(37, 53), pos = x.abs().add(0.1f);
    for (UnaryOp op : UnaryOp.values()) {
      NDArray in = switch (op) {
        case LOG, SQRT, RSQRT, RECIPROCAL -> pos;
        default -> x;
      };
      log.run("unary " + op, () -> log.compare("unary " + op, in.apply(op), g(in).apply(op), 1e-6, 1e-5));
    }
    NDArray col = randn(37, 1), row = randn(1, 53), posCol = col.abs().add(0.5f);
    for (BinaryOp op : BinaryOp.values()) {
      NDArray a = op == BinaryOp.POW ? posCol : col;
      log.run("binary " + op + " broadcast", () -> log.compare("binary " + op + " broadcast", a.apply(op, row),
          g(a).apply(op, g(row)), 1e-6, 1e-5));
      log.run("binary " + op + " scalar", () -> log.compare("binary " + op + " scalar", a.apply(op, 0.75f),
          g(a).apply(op, 0.75f), 1e-6, 1e-5));
    }
    NDArray cond = x.gt(0.3f).narrow(1, 0, 1);
    log.run("where broadcast", () -> log.compare("where broadcast", NDArray.where(cond, x, row),
        NDArray.where(g(cond), g(x), g(row)), 0, 0));
    log.run("in-place add and scale", () -> {
      NDArray c = x.copy(), d = g(x).copy();
      c.addInPlace(row).mulInPlace(3f);
      d.addInPlace(g(row)).mulInPlace(3f);
      log.compare("in-place add and scale", c, d, 1e-6, 1e-6);
    });
  }

  // ---- reductions and softmax ----

  private void reductions() {
    NDArray x = randn(7, 33, 65), t = x.permute(2, 0, 1);
    int[][] dims = {{0}, {1}, {2}, {0, 2}, {0, 1, 2}};
    for (ReduceOp op : ReduceOp.values()) {
      for (int[] d : dims) {
        String name = "reduce " + op + " dims " + java.util.Arrays.toString(d);
        log.run(name, () -> log.compare(name, x.reduce(op, d, true), g(x).reduce(op, d, true), 1e-5, 1e-5));
      }
      log.run("reduce " + op + " permuted", () -> log.compare("reduce " + op + " permuted", t.reduce(op, new int[] {1}, false),
          g(x).permute(2, 0, 1).reduce(op, new int[] {1}, false), 1e-5, 1e-5));
    }
    NDArray big = randn(3, 100_003);
    log.run("sum of 300k elements", () -> log.compare("sum of 300k elements", big.sum(), g(big).sum(), 1e-3, 1e-5));
    NDArray ties = NDArray.of(new float[] {1, 3, 3, 2, Float.NaN, 5, -1, -1, -1}, 3, 3);
    log.run("argmax ties and NaN", () -> {
      log.compare("argmax ties and NaN dim 1", ties.argmax(1, false), g(ties).argmax(1, false), 0, 0);
      log.compare("argmax ties and NaN dim 0", ties.argmax(0, false), g(ties).argmax(0, false), 0, 0);
    });
    NDArray wide = randn(9, 1000);
    log.run("argmax long rows", () -> log.compare("argmax long rows", wide.argmax(-1, true), g(wide).argmax(-1, true), 0, 0));
  }

  private void softmax() {
    NDArray x = randn(31, 10_000).mul(3f), dy = randn(31, 10_000);
    NDArray s = randn(17, 5, 9);
    for (boolean logMode : new boolean[] {false, true}) {
      String what = logMode ? "logSoftmax" : "softmax";
      log.run(what + " rows of 10000", () -> {
        NDArray y = logMode ? x.logSoftmax(-1) : x.softmax(-1);
        NDArray gy = logMode ? g(x).logSoftmax(-1) : g(x).softmax(-1);
        log.compare(what + " rows of 10000", y, gy, 1e-6, 1e-4);
        NDArray dx = y.newZeros(y.shape()), gdx = gy.newZeros(y.shape());
        if (logMode) {
          y.kernels().logSoftmaxBackward(y, dy, 1, dx);
          gy.kernels().logSoftmaxBackward(gy, g(dy), 1, gdx);
        } else {
          y.kernels().softmaxBackward(y, dy, 1, dx);
          gy.kernels().softmaxBackward(gy, g(dy), 1, gdx);
        }
        log.compare(what + " backward", dx, gdx, 1e-6, 1e-4);
      });
      log.run(what + " along a strided dim", () -> log.compare(what + " along a strided dim",
          logMode ? s.logSoftmax(0) : s.softmax(0), logMode ? g(s).logSoftmax(0) : g(s).softmax(0), 1e-6, 1e-5));
    }
  }

  // ---- matmul ----

  private void matmul(Precision p) {
    dut.precision(p);
    try {
      // bf16: compare to the FP32 result relative to its scale (8 bits of mantissa per input)
      double rtol = p == Precision.FP32 ? 1e-4 : 0;
      int[][] shapes = {{1, 1, 1}, {17, 33, 65}, {128, 128, 128}, {300, 200, 100}, {129, 513, 257}};
      for (int[] s : shapes) {
        for (int variant = 0; variant < 4; variant++) {
          boolean ta = (variant & 1) != 0, tb = (variant & 2) != 0;
          NDArray a = ta ? randn(s[1], s[0]).transpose(0, 1) : randn(s[0], s[1]);
          NDArray b = tb ? randn(s[2], s[1]).transpose(0, 1) : randn(s[1], s[2]);
          String name = p.label() + " matmul " + s[0] + "x" + s[1] + "x" + s[2] + (ta ? " aT" : "") + (tb ? " bT" : "");
          log.run(name, () -> compareMatmul(name, a.matmul(b), g(a).matmul(g(b)), s[1], p, rtol));
        }
      }
      NDArray x = randn(8, 64, 96), w = randn(80, 96);           // a Linear: folded into one tall GEMM
      String lin = p.label() + " matmul [8,64,96] @ W^T (folded)";
      log.run(lin, () -> compareMatmul(lin, x.matmul(w.transpose(0, 1)), g(x).matmul(g(w).transpose(0, 1)), 96, p, rtol));
      NDArray q = randn(2, 3, 40, 16), k = randn(2, 3, 50, 16);   // batched with a transpose
      String bat = p.label() + " matmul batched q k^T";
      log.run(bat, () -> compareMatmul(bat, q.matmul(k.transpose(-1, -2)), g(q).matmul(g(k).transpose(-1, -2)), 16, p, rtol));
      NDArray dy = randn(4096, 256), xs = randn(4096, 192);       // a weight gradient: split k
      String dw = p.label() + " matmul dY^T X (split k)";
      log.run(dw, () -> compareMatmul(dw, dy.transpose(0, 1).matmul(xs), g(dy).transpose(0, 1).matmul(g(xs)), 4096, p, rtol));
      String acc = p.label() + " matmul accumulate into a transposed out";
      log.run(acc, () -> {
        NDArray a = randn(33, 20), b = randn(20, 45), c = randn(45, 33), gc = g(c);
        c.kernels().matmul(a, b, c.transpose(0, 1), true);
        gc.kernels().matmul(g(a), g(b), gc.transpose(0, 1), true);
        compareMatmul(acc, c, gc, 20, p, rtol);
      });
    } finally {
      dut.precision(Precision.FP32);
    }
  }

  private void compareMatmul(String name, NDArray expected, NDArray actual, int k, Precision p, double rtol) {
    if (p == Precision.FP32) {
      log.compare(name, expected, actual, 1e-5 * Math.sqrt(k), rtol);
    } else {
      double scale = expected.abs().max().item();
      log.compare(name, expected, actual, 1.5e-2 * Math.max(scale, 1e-3), 0);
    }
  }

  // ---- indexing ----

  private void indexing() {
    NDArray w = randn(500, 64), idx = ids(500, 4, 12), dOut = randn(4, 12, 64);
    idx.setLong(7, 0, 0);
    idx.setLong(7, 3, 11);                                    // a repeated id: its gradients add up
    log.run("embedding forward and backward", () -> {
      NDArray out = NDArray.zeros(4, 12, 64), gout = g(out);
      out.kernels().embedding(w, idx, out);
      gout.kernels().embedding(g(w), g(idx), gout);
      log.compare("embedding forward", out, gout, 0, 0);
      NDArray dw = NDArray.zeros(500, 64), gdw = g(dw);
      dw.kernels().embeddingBackward(idx, dOut, dw);
      gdw.kernels().embeddingBackward(g(idx), g(dOut), gdw);
      log.compare("embedding backward (repeated ids)", dw, gdw, 1e-6, 1e-5);
    });
    NDArray x = randn(6, 9), index = ids(6, 4, 9), index1 = ids(9, 6, 5), src = randn(4, 9);
    log.run("gather and scatterAdd", () -> {
      for (int dim = 0; dim < 2; dim++) {
        NDArray ix = dim == 0 ? index : index1;
        NDArray out = NDArray.zeros(ix.shape()), gout = g(out);
        out.kernels().gather(x, dim, ix, out);
        gout.kernels().gather(g(x), dim, g(ix), gout);
        log.compare("gather dim " + dim, out, gout, 0, 0);
      }
      NDArray dst = randn(6, 9), gdst = g(dst);
      dst.kernels().scatterAdd(dst, 0, index, src);
      gdst.kernels().scatterAdd(gdst, 0, g(index), g(src));
      log.compare("scatterAdd dim 0", dst, gdst, 1e-6, 1e-5);
    });
  }

  // ---- fused ----

  private void fused() {
    NDArray x = randn(300, 512), w = randn(512), dOut = randn(300, 512);
    log.run("rmsNorm forward and backward", () -> {
      NDArray out = x.newZeros(300, 512), rstd = x.newZeros(300), gout = g(out), grstd = g(rstd);
      x.kernels().rmsNorm(x, w, 1e-5f, out, rstd);
      gout.kernels().rmsNorm(g(x), g(w), 1e-5f, gout, grstd);
      log.compare("rmsNorm out", out, gout, 1e-5, 1e-4);
      log.compare("rmsNorm rstd", rstd, grstd, 1e-6, 1e-5);
      NDArray dx = x.newZeros(300, 512), dw = x.newZeros(512), gdx = g(dx), gdw = g(dw);
      x.kernels().rmsNormBackward(x, w, rstd, dOut, dx, dw);
      gdx.kernels().rmsNormBackward(g(x), g(w), grstd, g(dOut), gdx, gdw);
      log.compare("rmsNorm dx", dx, gdx, 1e-5, 1e-4);
      log.compare("rmsNorm dWeight", dw, gdw, 1e-3, 1e-4);
    });
    NDArray a = randn(33, 1344), b = randn(33, 1344), dy = randn(33, 1344);
    log.run("silu and swiglu forward and backward", () -> {
      NDArray o = a.newZeros(a.shape()), go = g(o);
      o.kernels().silu(a, o);
      go.kernels().silu(g(a), go);
      log.compare("silu", o, go, 1e-6, 1e-5);
      o.kernels().siluBackward(a, dy, o);
      go.kernels().siluBackward(g(a), g(dy), go);
      log.compare("silu backward", o, go, 1e-6, 1e-5);
      o.kernels().swiglu(a, b, o);
      go.kernels().swiglu(g(a), g(b), go);
      log.compare("swiglu", o, go, 1e-6, 1e-5);
      NDArray da = a.newZeros(a.shape()), db = a.newZeros(a.shape()), gda = g(da), gdb = g(db);
      o.kernels().swigluBackward(a, b, dy, da, db);
      go.kernels().swigluBackward(g(a), g(b), g(dy), gda, gdb);
      log.compare("swiglu backward da", da, gda, 1e-6, 1e-5);
      log.compare("swiglu backward db", db, gdb, 1e-6, 1e-5);
    });
    NDArray q = randn(2, 4, 37, 32), positions = NDArray.ofLongs(java.util.stream.LongStream.range(5, 42).toArray());
    for (boolean inverse : new boolean[] {false, true}) {
      String name = "rope" + (inverse ? " inverse" : "") + " (positions broadcast)";
      log.run(name, () -> {
        NDArray pos = positions.expand(2, 4, 37), out = q.newZeros(q.shape()), gout = g(out);
        q.kernels().rope(q, pos, 10000f, inverse, out);
        gout.kernels().rope(g(q), g(positions).expand(2, 4, 37), 10000f, inverse, gout);
        log.compare(name, out, gout, 1e-5, 1e-4);
      });
    }
    NDArray logits = randn(300, 10_000).mul(4f), targets = ids(10_000, 300);
    log.run("cross-entropy forward and backward", () -> {
      NDArray losses = logits.newZeros(300), lse = logits.newZeros(300), gl = g(losses), glse = g(lse);
      logits.kernels().crossEntropy(logits, targets, losses, lse);
      gl.kernels().crossEntropy(g(logits), g(targets), gl, glse);
      log.compare("cross-entropy losses", losses, gl, 1e-5, 1e-5);
      log.compare("cross-entropy lse", lse, glse, 1e-5, 1e-5);
      NDArray d = logits.newZeros(300, 10_000), gd = g(d);
      d.kernels().crossEntropyBackward(logits, targets, lse, 0.37f / 300, d);
      gd.kernels().crossEntropyBackward(g(logits), g(targets), glse, 0.37f / 300, gd);
      log.compare("cross-entropy dLogits", d, gd, 1e-7, 1e-4);
    });
  }

  // ---- attention ----

  private void attention() {
    int[][] cases = {{2, 3, 17, 17, 16, 1}, {2, 2, 64, 64, 32, 1}, {1, 4, 130, 130, 64, 1}, {2, 1, 5, 9, 100, 1},
        {1, 2, 33, 47, 32, 0}, {2, 16, 256, 256, 32, 1}};
    for (int[] c : cases) {
      int B = c[0], H = c[1], Tq = c[2], Tk = c[3], D = c[4];
      boolean causal = c[5] == 1;
      String name = "attention B" + B + " H" + H + " Tq" + Tq + " Tk" + Tk + " D" + D + (causal ? " causal" : "");
      log.run(name, () -> {
        // q read out of a [B, Tq, H, D] projection: strided heads, as the model does
        NDArray raw = randn(B, Tq, H, D), q = raw.permute(0, 2, 1, 3), k = randn(B, H, Tk, D), v = randn(B, H, Tk, D);
        NDArray dOut = randn(B, H, Tq, D);
        float scale = (float) (1 / Math.sqrt(D));
        NDArray out = NDArray.zeros(B, H, Tq, D), lse = NDArray.zeros(B, H, Tq);
        out.kernels().attention(q, k, v, scale, causal, out, lse);
        NDArray gq = g(raw).permute(0, 2, 1, 3), gk = g(k), gv = g(v);
        NDArray gout = g(out).newZeros(B, H, Tq, D), glse = gout.newZeros(B, H, Tq);
        gout.kernels().attention(gq, gk, gv, scale, causal, gout, glse);
        log.compare(name + " out", out, gout, 1e-5, 1e-4);
        log.compare(name + " lse", lse, glse, 1e-5, 1e-5);
        NDArray dq = q.newZeros(B, H, Tq, D), dk = k.newZeros(k.shape()), dv = v.newZeros(v.shape());
        out.kernels().attentionBackward(q, k, v, out, dOut, lse, scale, causal, dq, dk, dv);
        NDArray gdq = gout.newZeros(B, H, Tq, D), gdk = gout.newZeros(k.shape()), gdv = gout.newZeros(v.shape());
        gout.kernels().attentionBackward(gq, gk, gv, gout, g(dOut), glse, scale, causal, gdq, gdk, gdv);
        log.compare(name + " dq", dq, gdq, 1e-4, 1e-3);
        log.compare(name + " dk", dk, gdk, 1e-4, 1e-3);
        log.compare(name + " dv", dv, gdv, 1e-4, 1e-3);
      });
    }
  }

  // ---- optimizer and errors ----

  private void adamw() {
    log.run("adamw 10 steps over a 100003-element arena", () -> {
      NDArray p = randn(100_003), m = p.newZeros(100_003), v = p.newZeros(100_003);
      NDArray gp = g(p), gm = g(m), gvv = g(v);
      for (int t = 1; t <= 10; t++) {
        NDArray grad = randn(100_003);
        AdamWStep step = new AdamWStep(1e-3f, 0.9f, 0.95f, 1e-8f, 0.1f, t);
        p.kernels().adamw(p, grad, m, v, step);
        gp.kernels().adamw(gp, g(grad), gm, gvv, step);
      }
      log.compare("adamw params", p, gp, 1e-6, 1e-5);
      log.compare("adamw m", m, gm, 1e-6, 1e-5);
      log.compare("adamw v", v, gvv, 1e-7, 1e-5);
    });
  }

  private void badTokenId() {
    log.run("bad token id is reported like the CPU's", () -> {
      NDArray w = g(randn(10, 4)), idv = g(NDArray.ofLongs(new long[] {1, 12, 3}));
      NDArray out = w.newZeros(3, 4);
      String message = null;
      try {
        out.kernels().embedding(w, idv, out);
        out.toFloatArray();                      // the first read back reports it
      } catch (IllegalArgumentException e) {
        message = e.getMessage();
      }
      log.check("bad token id is reported like the CPU's", "token id 12 out of range [0, 10)".equals(message),
          "got " + message);
    });
  }
}
