package cs336.nn.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cs336.autograd.NoGrad;
import cs336.autograd.OpCheck;
import cs336.autograd.Tensor;
import cs336.engine.AllClose;
import cs336.engine.cpu.CpuDevice;
import cs336.engine.cpu.StandInDevice;
import cs336.nn.layers.TransformerConfig;
import cs336.nn.layers.TransformerLM;
import org.junit.jupiter.api.Test;

/** The fused LM head + loss against its composite twin, in one block and in several. */
class LinearCrossEntropyTest {
  static final Tensor TARGETS = Tensor.ofLongs(new long[] {0, 6, 2, 2, 5, 1}, 2, 3);

  @Test
  void equalsTheCompositeForwardAndBackward() {
    for (int block : new int[] {100, 4, 1}) {
      OpCheck.check(t -> LinearCrossEntropy.apply(t[0], t[1], TARGETS, block),
          t -> t[0].matmul(t[1].transpose(0, 1)).crossEntropy(TARGETS),
          OpCheck.randn(1, 2, 3, 5), OpCheck.randn(2, 7, 5));
    }
  }

  @Test
  void upstreamGradientScalesBothGradients() {
    Tensor h = OpCheck.randn(1, 2, 3, 5), w = OpCheck.randn(2, 7, 5);
    LinearCrossEntropy.apply(h, w, TARGETS, 2).mul(3f).backward();
    Tensor h2 = OpCheck.randn(1, 2, 3, 5), w2 = OpCheck.randn(2, 7, 5);
    h2.matmul(w2.transpose(0, 1)).crossEntropy(TARGETS).mul(3f).backward();
    AllClose.check("dh", h2.grad(), h.grad(), 1e-6, 1e-5);
    AllClose.check("dW", w2.grad(), w.grad(), 1e-6, 1e-5);
  }

  @Test
  void onAnotherDeviceTheUpstreamGradientScalesThereWithTheSameBits() {
    // there g is not read back (no stall): dh * g on the device, the same products as the CPU's dh * 3
    StandInDevice d = new StandInDevice("stand-in");
    Tensor h = OpCheck.randn(1, 2, 3, 5), w = OpCheck.randn(2, 7, 5);
    Tensor hd = Tensor.of(h.data().to(d)).requiresGrad(true), wd = Tensor.of(w.data().to(d)).requiresGrad(true);
    LinearCrossEntropy.apply(h, w, TARGETS, 2).mul(3f).backward();
    long before = d.hostReads();
    LinearCrossEntropy.apply(hd, wd, Tensor.of(TARGETS.data().to(d)), 2).mul(3f).backward();
    assertEquals(0, d.hostReads() - before, "host reads");
    assertArrayEquals(h.grad().toFloatArray(), hd.grad().to(CpuDevice.CPU).toFloatArray());
    assertArrayEquals(w.grad().toFloatArray(), wd.grad().to(CpuDevice.CPU).toFloatArray());
  }

  @Test
  void modelLossEqualsLogitsThenCrossEntropy() {
    TransformerLM lm = new TransformerLM(TransformerConfig.of(7, 4, 8, 1, 2, 12, 100f), 1);
    Tensor ids = Tensor.ofLongs(new long[] {1, 2, 3, 4, 5, 6}, 2, 3);
    try (NoGrad ignored = NoGrad.enter()) {
      assertEquals(lm.forward(ids).crossEntropy(TARGETS).item(), lm.loss(ids, TARGETS).item(), 1e-6);
    }
  }
}
