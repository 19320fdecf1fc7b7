package cs336.autograd.ops;

import static cs336.autograd.OpCheck.check;
import static cs336.autograd.OpCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import cs336.autograd.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Views and copies route gradients back to the elements they came from. */
class MovementOpsTest {
  @Test
  void viewReshapeSqueezeUnsqueeze() {
    check(t -> t[0].view(6, 2).exp(), uniform(1, -1, 1, 3, 4));
    check(t -> t[0].transpose(0, 1).reshape(12).exp(), uniform(2, -1, 1, 3, 4));
    check(t -> t[0].unsqueeze(1).squeeze(1).flatten().exp(), uniform(3, -1, 1, 3, 4));
  }

  @Test
  void viewsShareData() {
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    assertSame(x.data().storage(), x.view(3, 2).data().storage());
    assertSame(x.data().storage(), x.transpose(0, 1).data().storage());
  }

  @Test
  void permuteAndTranspose() {
    check(t -> t[0].permute(2, 0, 1).mul(t[1]), uniform(1, -1, 1, 2, 3, 4), uniform(2, -1, 1, 4, 2, 3));
    check(t -> t[0].transpose(-1, -2).exp(), uniform(3, -1, 1, 2, 3, 4));
  }

  @Test
  void expandSumsTheGradientBack() {
    check(t -> t[0].expand(3, 2, 4).mul(t[1]), uniform(1, -1, 1, 2, 1), uniform(2, -1, 1, 3, 2, 4));
  }

  @Test
  void narrowSliceSelect() {
    check(t -> t[0].narrow(1, 1, 2).exp(), uniform(1, -1, 1, 3, 4));
    check(t -> t[0].slice(0, 1, 5, 2).exp(), uniform(2, -1, 1, 6, 2));
    check(t -> t[0].select(1, -1).exp(), uniform(3, -1, 1, 3, 4));
  }

  @Test
  void catAlongAnyDimension() {
    check(t -> Tensor.cat(List.of(t[0], t[1]), 1).exp(), uniform(1, -1, 1, 2, 3), uniform(2, -1, 1, 2, 5));
    check(t -> Tensor.cat(List.of(t[0], t[1], t[0]), 0).exp(), uniform(3, -1, 1, 1, 3), uniform(4, -1, 1, 2, 3));
    assertArrayEquals(new int[] {2, 8}, Tensor.cat(List.of(Tensor.zeros(2, 3), Tensor.zeros(2, 5)), -1).shape());
  }

  @Test
  void contiguousPassesTheGradientThrough() {
    check(t -> t[0].transpose(0, 1).contiguous().exp(), uniform(1, -1, 1, 3, 4));
  }

  @Test
  void copyFromWritesIntoACacheSlice() {
    Tensor cache = Tensor.zeros(2, 4, 3);
    Tensor k = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 1, 3);
    try (var ignored = cs336.autograd.NoGrad.enter()) {
      cache.narrow(1, 2, 1).copyFrom(k);
    }
    assertEquals(6f, cache.data().get(1, 2, 2));
    assertEquals(0f, cache.data().get(1, 3, 2));
  }
}
