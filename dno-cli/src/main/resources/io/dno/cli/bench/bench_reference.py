# The PyTorch reference of `dno bench train --reference python`: the same Llama-style decoder as
# io.dno.core.model.Transformer (embedding, pre-RMSNorm, rotary rotate-half, grouped-query causal attention
# with an additive padding/causal bias, SwiGLU, final RMSNorm, tied or untied head) and the same steps:
# DPO (chosen + rejected in one forward pass, reference log-probs precomputed) and SFT, each followed by
# global-norm clipping and AdamW. Eager PyTorch, float32, written for torch >= 1.13 (no SDPA needed).
# Protocol: prints {"event": "ready"}; then for each line "dpo" / "sft" on stdin runs one step and prints
# {"event": "<kind>", "ms": wall_ms}; "peak" prints {"event": "peak", "gflops": the median rate of three 1024^3
# f32 products}; "quit" ends. The ready line carries this torch's BLAS (what it was built for, and the BLAS library
# the process actually loaded: Debian's torch is built "generic" and runs whatever libblas.so.3 points to, e.g.
# OpenBLAS) and its f32 matmul rate at 512^3, since the speed of a Python reference is mostly the speed of its BLAS.
# The optimiser is torch.optim.AdamW with its defaults for CPU tensors (foreach off: foreach=True was not faster
# with this torch on the tiny preset, 11.1 vs 10.5 ms per DPO step).
import argparse, json, re, sys, time
import torch
import torch.nn.functional as F

ap = argparse.ArgumentParser()
for name in ["vocab", "hidden", "intermediate", "layers", "heads", "kv-heads", "head-dim", "sequence", "pairs", "threads"]:
    ap.add_argument("--" + name, type=int, required=True)
ap.add_argument("--tied", required=True)
a = ap.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(1)
D, H, KV, HD, L = a.hidden, a.heads, a.kv_heads, a.head_dim, a.layers
tied = a.tied.lower() == "true"


def w(*shape):
    return torch.nn.Parameter(torch.randn(*shape) * 0.02)


params = {"embed": w(a.vocab, D), "norm": torch.nn.Parameter(torch.ones(D))}
if not tied:
    params["head"] = w(a.vocab, D)
for l in range(L):
    params[f"{l}.q"] = w(H * HD, D)
    params[f"{l}.k"] = w(KV * HD, D)
    params[f"{l}.v"] = w(KV * HD, D)
    params[f"{l}.o"] = w(D, H * HD)
    params[f"{l}.gate"] = w(a.intermediate, D)
    params[f"{l}.up"] = w(a.intermediate, D)
    params[f"{l}.down"] = w(D, a.intermediate)
    params[f"{l}.n1"] = torch.nn.Parameter(torch.ones(D))
    params[f"{l}.n2"] = torch.nn.Parameter(torch.ones(D))
inv_freq = 1.0 / (10000.0 ** (torch.arange(0, HD, 2).float() / HD))


def rms(x, g):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6) * g


def rotate_half(x):
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat((-x2, x1), dim=-1)


def logits(ids, mask):
    B, T = ids.shape
    m = mask.float()
    pos = (m.cumsum(1) - 1).clamp(min=0)                                   # (B, T)
    ang = pos[:, :, None] * inv_freq                                       # (B, T, HD/2)
    emb = torch.cat((ang, ang), -1)
    cos, sin = emb.cos()[:, None], emb.sin()[:, None]                      # (B, 1, T, HD)
    causal = (torch.arange(T)[:, None] >= torch.arange(T)[None, :]).float()
    bias = ((m[:, None, None, :] * causal) - 1.0) * 1e9                    # (B, 1, T, T)
    x = F.embedding(ids, params["embed"])
    for l in range(L):
        h = rms(x, params[f"{l}.n1"])
        q = F.linear(h, params[f"{l}.q"]).view(B, T, H, HD).transpose(1, 2)
        k = F.linear(h, params[f"{l}.k"]).view(B, T, KV, HD).transpose(1, 2)
        v = F.linear(h, params[f"{l}.v"]).view(B, T, KV, HD).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        if H != KV:
            k = k.repeat_interleave(H // KV, 1)
            v = v.repeat_interleave(H // KV, 1)
        s = q @ k.transpose(2, 3) / HD ** 0.5 + bias
        o = (s.softmax(-1) @ v).transpose(1, 2).reshape(B, T, H * HD)
        x = x + F.linear(o, params[f"{l}.o"])
        h = rms(x, params[f"{l}.n2"])
        g = F.linear(h, params[f"{l}.gate"])
        x = x + F.linear(F.silu(g) * F.linear(h, params[f"{l}.up"]), params[f"{l}.down"])
    x = rms(x, params["norm"])
    return F.linear(x, params["embed"] if tied else params["head"])


def sequence_logprobs(ids, scored):
    lp = logits(ids, torch.ones_like(ids))[:, :-1].log_softmax(-1)
    picked = lp.gather(2, ids[:, 1:, None]).squeeze(2)
    return (picked * scored[:, 1:]).sum(1), scored.sum(1)


g = torch.Generator().manual_seed(2)
B, T = a.pairs, a.sequence
prompt = max(1, T // 4)
ids = torch.randint(1, a.vocab, (2 * B, T), generator=g)
scored = torch.zeros(2 * B, T)
scored[:, prompt:] = 1
with torch.no_grad():
    ref, _ = sequence_logprobs(ids, scored)
opt = torch.optim.AdamW(params.values(), lr=1e-5, weight_decay=0.0)


def step(kind):
    sums, counts = sequence_logprobs(ids, scored)
    if kind == "dpo":
        margin = (sums[:B] - ref[:B]) - (sums[B:] - ref[B:])
        loss = -F.logsigmoid(0.1 * margin).mean()
    else:
        loss = -(sums / counts).mean()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(params.values(), 1.0)
    opt.step()
    opt.zero_grad(set_to_none=True)
    return loss.item()


def matmul_gflops(n=512, reps=3):  # this torch's f32 matmul rate (its BLAS), median of reps
    x, y = torch.randn(n, n), torch.randn(n, n)
    rates = []
    for _ in range(reps + 1):
        t0 = time.perf_counter()
        x @ y
        rates.append(2 * n ** 3 / (time.perf_counter() - t0) / 1e9)
    return sorted(rates[1:])[reps // 2]


def blas():
    build = re.search(r"BLAS_INFO=([^,\s]+)", torch.__config__.show())
    with open("/proc/self/maps") as maps:
        loaded = sorted({line.split()[-1] for line in maps
                         if re.search(r"(blas|mkl_|libmkl|openblas)", line.split()[-1] if line.split() else "")})
    return {"build": build.group(1) if build else "unknown", "loaded": loaded}


print(json.dumps({"event": "ready", "torch": torch.__version__, "peak_gflops": matmul_gflops(),
                  "blas": blas()}), flush=True)
for line in sys.stdin:
    kind = line.strip()
    if kind == "quit":
        break
    if kind == "peak":
        print(json.dumps({"event": "peak", "gflops": matmul_gflops(1024)}), flush=True)
        continue
    t0 = time.perf_counter()
    step(kind)
    print(json.dumps({"event": kind, "ms": (time.perf_counter() - t0) * 1e3}), flush=True)
