package cs336.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When and how the GEMM splits k. */
class MatmulPlanTest {
  static final int SMS = 132;   // H100 SXM / H200

  @Test
  void largeProductsAndBatchesAreNotSplit() {
    var lmHead = CudaMatmul.plan(8192, 10000, 512, 1, SMS);
    assertEquals(1, lmHead.splits());
    assertEquals(64, lmHead.tilesM());
    assertEquals(79, lmHead.tilesN());
    assertEquals(1, CudaMatmul.plan(256, 256, 4096, 512, SMS).splits());   // batched: enough blocks already
    assertEquals(1, CudaMatmul.plan(64, 64, 512, 1, SMS).splits());        // short k: not worth it
  }

  @Test
  void weightGradientsSplitKIntoWholeTiles() {
    int k = 8192;                                                          // batch 32 x context 256
    var p = CudaMatmul.plan(512, 512, k, 1, SMS);                          // dW of a 512 x 512 projection
    assertTrue(p.splits() > 1, "splits " + p.splits());
    assertEquals(0, p.kChunk() % CudaMatmul.TILE_K);
    assertTrue((long) p.splits() * p.kChunk() >= k && (long) (p.splits() - 1) * p.kChunk() < k);
    assertTrue((long) p.splits() * p.tilesM() * p.tilesN() >= SMS, "fills the GPU");
    assertTrue(p.kChunk() >= 256);
  }
}
