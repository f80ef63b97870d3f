#!/usr/bin/env python3
"""Independent reference for dno's Transformer: Llama / Qwen2 / Mistral written from the HF formulas
(modeling_llama.py, modeling_qwen2.py) with PyTorch only -- no transformers library.

Usage: llama_reference.py MODEL_DIR < request.json
  request: {"prompts": [[ids...], ...], "responses": [[ids...], ...]}
  prints:  {"token_logprobs": [[log p(response token j) ...], ...], "sums": [...]}

Reads MODEL_DIR/config.json and MODEL_DIR/model.safetensors (parsed with struct + json). Each sequence is
run alone (no padding, no batching), in float64, so it shares no code path with the Java implementation.
"""
import json
import math
import struct
import sys

import torch

DTYPES = {"F32": torch.float32, "F16": torch.float16, "F64": torch.float64, "I64": torch.int64}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    base = 8 + n
    tensors = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        start, end = meta["data_offsets"]
        raw = bytearray(data[base + start:base + end])
        if meta["dtype"] == "BF16":
            t = torch.frombuffer(raw, dtype=torch.int16).to(torch.int32) << 16
            t = t.view(torch.float32)
        else:
            t = torch.frombuffer(raw, dtype=DTYPES[meta["dtype"]])
        tensors[name] = t.reshape(meta["shape"]).to(torch.float64)
    return tensors


def rms_norm(x, w, eps):
    return w * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps))


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def forward(cfg, w, ids):
    """ids: list of ints -> logits (T, V) float64, following HF LlamaForCausalLM."""
    x = hidden(cfg, w, ids)
    head = w["model.embed_tokens.weight"] if cfg.get("tie_word_embeddings", False) else w["lm_head.weight"]
    return x @ head.T


def hidden(cfg, w, ids):
    """ids: list of ints -> the decoder's output after the final norm (T, d) float64 (HF LlamaModel)."""
    d = cfg["hidden_size"]
    heads = cfg["num_attention_heads"]
    kv_heads = cfg.get("num_key_value_heads", heads)
    hd = cfg.get("head_dim") or d // heads
    eps = cfg.get("rms_norm_eps", 1e-6)
    theta = cfg.get("rope_theta", 10000.0)
    bias = cfg["model_type"] == "qwen2"
    t = len(ids)
    x = w["model.embed_tokens.weight"][torch.tensor(ids)]
    inv_freq = 1.0 / (theta ** (torch.arange(0, hd, 2, dtype=torch.float64) / hd))
    freqs = torch.outer(torch.arange(t, dtype=torch.float64), inv_freq)
    emb = torch.cat((freqs, freqs), dim=-1)
    cos, sin = emb.cos(), emb.sin()
    causal = torch.full((t, t), float("-inf"), dtype=torch.float64).triu(1)
    for i in range(cfg["num_hidden_layers"]):
        p = "model.layers.%d." % i
        h = rms_norm(x, w[p + "input_layernorm.weight"], eps)

        def proj(name):
            y = h @ w[p + "self_attn.%s.weight" % name].T
            if bias:
                y = y + w[p + "self_attn.%s.bias" % name]
            return y

        q = proj("q_proj").view(t, heads, hd).transpose(0, 1)
        k = proj("k_proj").view(t, kv_heads, hd).transpose(0, 1)
        v = proj("v_proj").view(t, kv_heads, hd).transpose(0, 1)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = k.repeat_interleave(heads // kv_heads, dim=0)
        v = v.repeat_interleave(heads // kv_heads, dim=0)
        att = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(hd) + causal, dim=-1)
        o = (att @ v).transpose(0, 1).reshape(t, heads * hd)
        x = x + o @ w[p + "self_attn.o_proj.weight"].T
        h = rms_norm(x, w[p + "post_attention_layernorm.weight"], eps)
        gate = h @ w[p + "mlp.gate_proj.weight"].T
        up = h @ w[p + "mlp.up_proj.weight"].T
        x = x + (torch.nn.functional.silu(gate) * up) @ w[p + "mlp.down_proj.weight"].T
    return rms_norm(x, w["model.norm.weight"], eps)


def main():
    model_dir = sys.argv[1]
    with open(model_dir + "/config.json") as f:
        cfg = json.load(f)
    w = read_safetensors(model_dir + "/model.safetensors")
    request = json.load(sys.stdin)
    token_logprobs, sums = [], []
    for prompt, response in zip(request["prompts"], request["responses"]):
        ids = list(prompt) + list(response)
        logp = torch.log_softmax(forward(cfg, w, ids), dim=-1)
        lp = [logp[len(prompt) + j - 1, tok].item() for j, tok in enumerate(response)]
        token_logprobs.append(lp)
        sums.append(sum(lp))
    json.dump({"token_logprobs": token_logprobs, "sums": sums}, sys.stdout)


if __name__ == "__main__":
    main()
