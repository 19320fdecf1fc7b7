package cs336.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The first test to step through (see docs/WALKTHROUGH.md): the expression from micrograd's README,
 * whose printed values are g = 24.7041, dg/da = 138.8338 and dg/db = 645.5773.
 */
class MicrogradTest {
  @Test
  void readmeExpression() {
    Tensor a = Tensor.scalar(-4.0f).requiresGrad(true);
    Tensor b = Tensor.scalar(2.0f).requiresGrad(true);
    Tensor c = a.add(b);
    Tensor d = a.mul(b).add(b.pow(3));
    c = c.add(c.add(1));                            // c += c + 1
    c = c.add(c.add(1).add(a.neg()));               // c += 1 + c + (-a)
    d = d.add(d.mul(2).add(b.add(a).relu()));       // d += d * 2 + (b + a).relu()
    d = d.add(d.mul(3).add(b.sub(a).relu()));       // d += 3 * d + (b - a).relu()
    Tensor e = c.sub(d);
    Tensor f = e.pow(2);
    Tensor g = f.div(2.0f);
    g = g.add(f.rdiv(10.0f));                       // g += 10.0 / f

    assertEquals(24.7041, g.item(), 5e-5);
    g.backward();                                   // <- first breakpoint: Backprop.run
    assertEquals(138.8338, a.grad().item(), 5e-4);
    assertEquals(645.5773, b.grad().item(), 5e-4);
  }
}
