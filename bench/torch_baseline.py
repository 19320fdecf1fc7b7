#!/usr/bin/python3
"""PyTorch baseline for the Java training step: the handout's TinyStories Transformer LM in plain
PyTorch, timed for one full training step (forward, cross-entropy, backward, AdamW) on the CPU, or on
a GPU with --device cuda (optionally with --dtype bf16: autocast, FP32 master weights), which is how
scripts/gpu-check.sh compares the CUDA device with PyTorch in the same run.

Run it with Debian's PyTorch and OpenBLAS (apt-get install -y python3-torch libopenblas0-pthread):

    OPENBLAS_CORETYPE=SkylakeX /usr/bin/python3 bench/torch_baseline.py --batch 8 32 --threads 2

(Debian's OpenBLAS 0.3.21 does not recognise this CPU and otherwise falls back to SSE3 kernels.)
bench/compare-torch.sh runs it beside the Java step benchmark.

Prints one JSON line per batch size: tokens/s (batch * context / mean step time), the mean and best
step time, and the process's peak resident memory. Each batch size runs in its own child process, so
its peak memory is its own. The model is the one the Java side builds (handout sections 3.4-3.5):
token embedding, pre-norm blocks (RMSNorm eps 1e-5, causal multi-head self-attention with
interleaved RoPE, SwiGLU feed-forward), final RMSNorm and an untied LM head. torch 1.13 (Debian 12)
has no fused attention, so attention is written out like the handout's equations, as the Java model
computes it.
"""

import argparse
import contextlib
import json
import math
import resource
import subprocess
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn


# ---- model (handout names: vocab_size, context_length, d_model, num_layers, num_heads, d_ff) ----

def trunc_normal_(w, std):
    # The handout's initialisation: N(0, std^2) truncated at +-3 std.
    nn.init.trunc_normal_(w, mean=0.0, std=std, a=-3 * std, b=3 * std)
    return w


class Linear(nn.Module):
    """y = x W^T without bias; W: (d_out, d_in), std sqrt(2 / (d_in + d_out))."""

    def __init__(self, d_in, d_out):
        super().__init__()
        self.weight = nn.Parameter(trunc_normal_(torch.empty(d_out, d_in), math.sqrt(2.0 / (d_in + d_out))))

    def forward(self, x):
        return x @ self.weight.t()


class RMSNorm(nn.Module):
    def __init__(self, d_model, eps=1e-5):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(d_model))
        self.eps = eps

    def forward(self, x):
        # x: (..., d_model); computed in float32 as the handout asks.
        rms = torch.rsqrt(x.float().pow(2).mean(dim=-1, keepdim=True) + self.eps)
        return (x.float() * rms).to(x.dtype) * self.weight


def rope_tables(d_head, context_length, theta):
    # angle[t, k] = t * theta^(-2k / d_head) for the pair (2k, 2k+1) (interleaved pairs).
    inv_freq = theta ** (-torch.arange(0, d_head, 2, dtype=torch.float32) / d_head)
    angles = torch.arange(context_length, dtype=torch.float32)[:, None] * inv_freq[None, :]
    return torch.cos(angles), torch.sin(angles)  # each (context_length, d_head / 2)


def apply_rope(x, cos, sin):
    # x: (B, H, T, d_head); rotate each interleaved pair (x[2k], x[2k+1]) by its angle.
    x_even, x_odd = x[..., 0::2], x[..., 1::2]
    out_even = x_even * cos - x_odd * sin
    out_odd = x_even * sin + x_odd * cos
    return torch.stack((out_even, out_odd), dim=-1).flatten(-2)


class MultiHeadSelfAttention(nn.Module):
    def __init__(self, d_model, num_heads, context_length, theta):
        super().__init__()
        self.num_heads = num_heads
        self.q_proj = Linear(d_model, d_model)
        self.k_proj = Linear(d_model, d_model)
        self.v_proj = Linear(d_model, d_model)
        self.output_proj = Linear(d_model, d_model)
        cos, sin = rope_tables(d_model // num_heads, context_length, theta)
        self.register_buffer("cos", cos, persistent=False)
        self.register_buffer("sin", sin, persistent=False)
        mask = torch.tril(torch.ones(context_length, context_length, dtype=torch.bool))
        self.register_buffer("causal", mask, persistent=False)

    def forward(self, x):
        B, T, C = x.shape
        H = self.num_heads

        def heads(t):  # (B, T, C) -> (B, H, T, C / H)
            return t.view(B, T, H, C // H).transpose(1, 2)

        q, k, v = heads(self.q_proj(x)), heads(self.k_proj(x)), heads(self.v_proj(x))
        cos, sin = self.cos[:T], self.sin[:T]
        q, k = apply_rope(q, cos, sin), apply_rope(k, cos, sin)
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(C // H)  # (B, H, T, T)
        scores = scores.masked_fill(~self.causal[:T, :T], float("-inf"))
        out = torch.softmax(scores, dim=-1) @ v  # (B, H, T, C / H)
        return self.output_proj(out.transpose(1, 2).reshape(B, T, C))


class SwiGLU(nn.Module):
    def __init__(self, d_model, d_ff):
        super().__init__()
        self.w1 = Linear(d_model, d_ff)
        self.w2 = Linear(d_ff, d_model)
        self.w3 = Linear(d_model, d_ff)

    def forward(self, x):
        return self.w2(F.silu(self.w1(x)) * self.w3(x))


class TransformerBlock(nn.Module):
    def __init__(self, d_model, num_heads, d_ff, context_length, theta):
        super().__init__()
        self.ln1 = RMSNorm(d_model)
        self.attn = MultiHeadSelfAttention(d_model, num_heads, context_length, theta)
        self.ln2 = RMSNorm(d_model)
        self.ffn = SwiGLU(d_model, d_ff)

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        return x + self.ffn(self.ln2(x))


class TransformerLM(nn.Module):
    def __init__(self, vocab_size, context_length, d_model, num_layers, num_heads, d_ff, theta):
        super().__init__()
        self.token_embeddings = nn.Embedding(vocab_size, d_model)
        trunc_normal_(self.token_embeddings.weight, 1.0)
        self.layers = nn.ModuleList(
            TransformerBlock(d_model, num_heads, d_ff, context_length, theta) for _ in range(num_layers))
        self.ln_final = RMSNorm(d_model)
        self.lm_head = Linear(d_model, vocab_size)

    def forward(self, ids):
        x = self.token_embeddings(ids)
        for layer in self.layers:
            x = layer(x)
        return self.lm_head(self.ln_final(x))


# ---- timing ----

def peak_rss_mb():
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def time_one_batch_size(args, batch):
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    model = TransformerLM(args.vocab_size, args.context_length, args.d_model, args.num_layers,
                          args.num_heads, args.d_ff, args.rope_theta).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.9, 0.95), eps=1e-8, weight_decay=0.1)
    gen = torch.Generator().manual_seed(args.seed)
    shape = (batch, args.context_length)
    cuda = device.type == "cuda"
    # bf16: autocast around forward and loss (matmuls in bf16, parameters and AdamW state in fp32)
    bf16 = cuda and args.dtype == "bf16"

    def step():
        x = torch.randint(args.vocab_size, shape, generator=gen).to(device)
        y = torch.randint(args.vocab_size, shape, generator=gen).to(device)
        if cuda:
            torch.cuda.synchronize()
        t0 = time.perf_counter()
        with torch.autocast("cuda", dtype=torch.bfloat16) if bf16 else contextlib.nullcontext():
            logits = model(x)
            loss = F.cross_entropy(logits.view(-1, args.vocab_size).float(), y.view(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        value = loss.item()
        if cuda:
            torch.cuda.synchronize()
        return time.perf_counter() - t0, value

    for _ in range(args.warmup):
        step()
    times, losses = [], []
    for _ in range(args.steps):
        dt, loss = step()
        times.append(dt)
        losses.append(loss)
    mean = sum(times) / len(times)
    tokens = batch * args.context_length
    return {
        "impl": "pytorch",
        "torch": torch.__version__,
        "device": torch.cuda.get_device_name(device) if cuda else "cpu",
        "dtype": args.dtype if cuda else "fp32",
        "tf32_matmul": torch.backends.cuda.matmul.allow_tf32 if cuda else False,
        "batch": batch,
        "context_length": args.context_length,
        "threads": torch.get_num_threads(),
        "parameters": sum(p.numel() for p in model.parameters()),
        "warmup": args.warmup,
        "steps": args.steps,
        "step_s_mean": round(mean, 4),
        "step_s_best": round(min(times), 4),
        "tokens_per_s": round(tokens / mean, 1),
        "tokens_per_s_best": round(tokens / min(times), 1),
        "loss_last": round(losses[-1], 4),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "peak_gpu_mb": round(torch.cuda.max_memory_allocated(device) / 2**20, 1) if cuda else None,
    }


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--batch", type=int, nargs="+", default=[8, 32], help="batch sizes (default: 8 32)")
    p.add_argument("--steps", type=int, default=5, help="timed steps per batch size (default: 5)")
    p.add_argument("--warmup", type=int, default=2, help="untimed steps first (default: 2)")
    p.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (default: 2)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--vocab-size", type=int, default=10_000)
    p.add_argument("--context-length", type=int, default=256)
    p.add_argument("--d-model", type=int, default=512)
    p.add_argument("--num-layers", type=int, default=4)
    p.add_argument("--num-heads", type=int, default=16)
    p.add_argument("--d-ff", type=int, default=1344)
    p.add_argument("--rope-theta", type=float, default=10_000.0)
    p.add_argument("--device", choices=["cpu", "cuda"], default="cpu", help="where to train (default: cpu)")
    p.add_argument("--dtype", choices=["fp32", "bf16"], default="fp32",
                   help="cuda only: bf16 autocast for forward and loss (default: fp32)")
    args = p.parse_args()
    if args.device == "cuda" and not torch.cuda.is_available():
        p.error("--device cuda: torch sees no GPU")
    if args.steps < 1 or args.warmup < 0 or args.threads < 1 or any(b < 1 for b in args.batch):
        p.error("--steps, --threads and every --batch must be >= 1, --warmup >= 0")

    if len(args.batch) == 1:
        print(json.dumps(time_one_batch_size(args, args.batch[0])), flush=True)
        return
    # One child process per batch size: peak RSS is then that batch size's own.
    for batch in args.batch:
        argv = [a for a in sys.argv[1:]]
        i = argv.index("--batch") if "--batch" in argv else None
        if i is not None:
            j = i + 1
            while j < len(argv) and not argv[j].startswith("--"):
                j += 1
            del argv[i:j]
        rc = subprocess.call([sys.executable, sys.argv[0], *argv, "--batch", str(batch)])
        if rc != 0:
            sys.exit(rc)


if __name__ == "__main__":
    main()
