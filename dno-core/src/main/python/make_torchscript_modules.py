# Writes the TorchScript archives dno-core loads through DJL (no torch needed: a TorchScript archive is a zip of a
# pickle and TorchScript source; see ../shared/docs/DJL-NOTES.md section 10). Run from the repository root:
#   python3 dno-core/src/main/python/make_torchscript_modules.py dno-core/src/main/resources
# Each module is a stateless class whose forward() is the code below; every archive's bytes are reproducible.
import os, pickle, sys, zipfile

HEADER = '''class {cls}(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  _is_full_backward_hook : Optional[bool]
'''

MODULES = {
    # io.dno.core.model.FusedAttention: softmax(QK^T/sqrt(D) + bias) V. Key/value heads are repeated HF-style
    # (repeat_kv) before the call: PyTorch 2.7's CPU flash kernel rejects enable_gqa, which would fall back to
    # the unfused math path.
    "io/dno/core/model/sdpa_masked": ("SDPA", '''  def forward(self: __torch__.SDPA,
    q: Tensor,
    k: Tensor,
    v: Tensor,
    bias: Tensor) -> Tensor:
    g = q.size(1) // k.size(1)
    if g > 1:
      k = k.repeat_interleave(g, 1)
      v = v.repeat_interleave(g, 1)
    return torch.scaled_dot_product_attention(q, k, v, bias, 0., False)
'''),
    "io/dno/core/model/sdpa_causal": ("SDPA", '''  def forward(self: __torch__.SDPA,
    q: Tensor,
    k: Tensor,
    v: Tensor) -> Tensor:
    g = q.size(1) // k.size(1)
    if g > 1:
      k = k.repeat_interleave(g, 1)
      v = v.repeat_interleave(g, 1)
    return torch.scaled_dot_product_attention(q, k, v, None, 0., True)
'''),
    # The same two kernels for Precision.BF16: q, k, v (and the bias) cast to bfloat16, the output back to float32,
    # in one differentiable call; PyTorch's CPU flash kernel keeps its softmax statistics and accumulators in float32.
    "io/dno/core/model/sdpa_masked_bf16": ("SDPA", '''  def forward(self: __torch__.SDPA,
    q: Tensor,
    k: Tensor,
    v: Tensor,
    bias: Tensor) -> Tensor:
    g = q.size(1) // k.size(1)
    if g > 1:
      k = k.repeat_interleave(g, 1)
      v = v.repeat_interleave(g, 1)
    out = torch.scaled_dot_product_attention(torch.to(q, 15), torch.to(k, 15), torch.to(v, 15), torch.to(bias, 15), 0., False)
    return torch.to(out, 6)
'''),
    "io/dno/core/model/sdpa_causal_bf16": ("SDPA", '''  def forward(self: __torch__.SDPA,
    q: Tensor,
    k: Tensor,
    v: Tensor) -> Tensor:
    g = q.size(1) // k.size(1)
    if g > 1:
      k = k.repeat_interleave(g, 1)
      v = v.repeat_interleave(g, 1)
    out = torch.scaled_dot_product_attention(torch.to(q, 15), torch.to(k, 15), torch.to(v, 15), None, 0., True)
    return torch.to(out, 6)
'''),
    # io.dno.core.model.Precision.BF16: x W^T with both operands cast to bfloat16 and the product cast back to
    # float32, in one differentiable call (DJL's own casts are not differentiable, and DJL aborts on BFLOAT16):
    # the forward and both backward products run in bf16 (AMX where the CPU has it), the gradient reaching the
    # float32 master weight is float32. (Serialized TorchScript names dtypes by number: 15 bfloat16, 6 float32.)
    "io/dno/core/model/linear_bf16": ("LinearBf16", '''  def forward(self: __torch__.LinearBf16,
    x: Tensor,
    w: Tensor) -> Tensor:
    return torch.to(torch.linear(torch.to(x, 15), torch.to(w, 15)), 6)
'''),
    # io.dno.core.model.FusedDecode: one decoding step of the whole decoder for one new token per row, the same ops
    # as Transformer.logits with a KV cache and the fused attention kernel (so the same logits), in one call instead
    # of about 160 native calls per layer. Writes the new keys, values and mask slot into the cache in place.
    # weights: per layer [input_norm, q, k, v, (q_bias, k_bias, v_bias,) o, post_norm, gate, up, down], then
    # [final_norm, head, embedding]; shape = [layers, heads, kv_heads, head_dim, has_bias, sampled_vocab, greedy].
    # Returns the argmax ids (N) over the first sampled_vocab logits (first index on ties) when greedy, else the
    # logits (N, V). neg_half is the 0-dim float32 tensor -0.5: RMSNorm raises to it as a tensor, as the NDArray path
    # does (a scalar -0.5 would take PyTorch's rsqrt kernel and round differently).
    "io/dno/core/model/decode_step": ("DecodeStep", '''  def forward(self: __torch__.DecodeStep,
    ids: Tensor,
    mask: Tensor,
    length: int,
    weights: List[Tensor],
    keys: List[Tensor],
    values: List[Tensor],
    inv_freq: Tensor,
    neg_half: Tensor,
    shape: List[int],
    eps: float) -> Tensor:
    layers = shape[0]
    heads = shape[1]
    kv_heads = shape[2]
    head_dim = shape[3]
    has_bias = shape[4] == 1
    n = ids.size(0)
    tk = length + 1
    mask.narrow(1, length, 1).fill_(1.)
    seen = mask.narrow(1, 0, tk)
    pos = torch.clamp_min(torch.sub(torch.sum(seen, [1], True), 1.), 0.)
    ang = torch.mul(torch.unsqueeze(pos, 2), inv_freq)
    emb = torch.cat([ang, ang], 2)
    cos = torch.unsqueeze(torch.cos(emb), 1)
    sin = torch.unsqueeze(torch.sin(emb), 1)
    attn_bias = torch.mul(torch.sub(seen.reshape([n, 1, 1, tk]), 1.), 1000000000.)
    stride = 9
    if has_bias:
      stride = 12
    top = layers * stride
    x = torch.embedding(weights[top + 2], ids)
    half = head_dim // 2
    groups = heads // kv_heads
    for l in range(layers):
      w = l * stride
      h = self.rms(x, weights[w], eps, neg_half)
      q = torch.linear(h, weights[w + 1])
      k = torch.linear(h, weights[w + 2])
      v = torch.linear(h, weights[w + 3])
      o_at = w + 4
      if has_bias:
        q = torch.add(q, weights[w + 4])
        k = torch.add(k, weights[w + 5])
        v = torch.add(v, weights[w + 6])
        o_at = w + 7
      q = q.reshape([n, 1, heads, head_dim]).permute([0, 2, 1, 3])
      k = k.reshape([n, 1, kv_heads, head_dim]).permute([0, 2, 1, 3])
      v = v.reshape([n, 1, kv_heads, head_dim]).permute([0, 2, 1, 3])
      q = torch.add(torch.mul(q, cos), torch.mul(self.rotate_half(q, half), sin))
      k = torch.add(torch.mul(k, cos), torch.mul(self.rotate_half(k, half), sin))
      keys[l].narrow(2, length, 1).copy_(k)
      values[l].narrow(2, length, 1).copy_(v)
      kk = keys[l].narrow(2, 0, tk)
      vv = values[l].narrow(2, 0, tk)
      if groups > 1:
        kk = kk.repeat_interleave(groups, 1)
        vv = vv.repeat_interleave(groups, 1)
      a = torch.scaled_dot_product_attention(q, kk, vv, attn_bias, 0., False)
      a = a.permute([0, 2, 1, 3]).reshape([n, 1, heads * head_dim])
      x = torch.add(x, torch.linear(a, weights[o_at]))
      h = self.rms(x, weights[o_at + 1], eps, neg_half)
      gate = torch.linear(h, weights[o_at + 2])
      up = torch.linear(h, weights[o_at + 3])
      act = torch.mul(torch.mul(gate, torch.sigmoid(gate)), up)
      x = torch.add(x, torch.linear(act, weights[o_at + 4]))
    x = self.rms(x, weights[top], eps, neg_half)
    logits = torch.linear(x, weights[top + 1]).reshape([n, -1])
    if shape[6] == 1:
      return torch.argmax(logits.narrow(1, 0, shape[5]), 1)
    return logits
  def rms(self: __torch__.DecodeStep,
    x: Tensor,
    weight: Tensor,
    eps: float,
    neg_half: Tensor) -> Tensor:
    inv = torch.pow(torch.add(torch.mean(torch.square(x), [-1], True), eps), neg_half)
    return torch.mul(torch.mul(x, inv), weight)
  def rotate_half(self: __torch__.DecodeStep,
    x: Tensor,
    half: int) -> Tensor:
    return torch.cat([torch.neg(x.narrow(3, half, half)), x.narrow(3, 0, half)], 3)
'''),
    # io.dno.core.train.FusedAdamW: global-norm clipping (torch.nn.utils.clip_grad_norm_) and torch.optim.AdamW's
    # fused kernel over every parameter that has a gradient, then zero_grad, in one call; two parameter groups,
    # weight decay for the parameters flagged in decayed, none for the others. hyper = [lr, beta1,
    # beta2, weight_decay, eps, max_norm]; max_norm <= 0: no norm, no clipping. Returns the norm before clipping;
    # a non-finite norm changes nothing (the caller stops training). The updated lists are returned beside the norm
    # only to keep the updates alive: TorchScript's dead-code elimination drops in-place foreach ops on lists built
    # inside the function when nothing returned aliases them (seen with PyTorch 2.7.1). Foreach ops reject empty lists.
    "io/dno/core/train/fused_adamw": ("FusedAdamW", '''  def forward(self: __torch__.FusedAdamW,
    params: List[Tensor],
    exp_avgs: List[Tensor],
    exp_avg_sqs: List[Tensor],
    steps: List[Tensor],
    decayed: List[bool],
    hyper: List[float]) -> Tuple[float, List[List[Tensor]]]:
    ps: List[Tensor] = []
    gs: List[Tensor] = []
    ms: List[Tensor] = []
    vs: List[Tensor] = []
    ss: List[Tensor] = []
    ps0: List[Tensor] = []
    gs0: List[Tensor] = []
    ms0: List[Tensor] = []
    vs0: List[Tensor] = []
    ss0: List[Tensor] = []
    for i in range(len(params)):
      g = params[i].grad
      if g is not None:
        if decayed[i]:
          ps.append(params[i])
          gs.append(g)
          ms.append(exp_avgs[i])
          vs.append(exp_avg_sqs[i])
          ss.append(steps[i])
        else:
          ps0.append(params[i])
          gs0.append(g)
          ms0.append(exp_avgs[i])
          vs0.append(exp_avg_sqs[i])
          ss0.append(steps[i])
    norm = 0.
    touched = [ps, gs, ms, vs, ss, ps0, gs0, ms0, vs0, ss0]
    grads = gs + gs0
    if len(grads) == 0:
      return (norm, touched)
    max_norm = hyper[5]
    if max_norm > 0.:
      total = torch.norm(torch.stack(torch._foreach_norm(grads, 2.)))
      if not bool(torch.isfinite(total)):
        return (float(total), touched)
      norm = float(total)
      coef = max_norm / (norm + 1e-6)
      if coef < 1.:
        if len(gs) > 0:
          torch._foreach_mul_(gs, coef)
        if len(gs0) > 0:
          torch._foreach_mul_(gs0, coef)
    no_max: List[Tensor] = []
    if len(gs) > 0:
      torch._foreach_add_(ss, 1.)
      torch._fused_adamw_(ps, gs, ms, vs, no_max, ss, lr=hyper[0], beta1=hyper[1], beta2=hyper[2],
          weight_decay=hyper[3], eps=hyper[4], amsgrad=False, maximize=False)
      torch._foreach_zero_(gs)
    if len(gs0) > 0:
      torch._foreach_add_(ss0, 1.)
      torch._fused_adamw_(ps0, gs0, ms0, vs0, no_max, ss0, lr=hyper[0], beta1=hyper[1], beta2=hyper[2],
          weight_decay=0., eps=hyper[4], amsgrad=False, maximize=False)
      torch._foreach_zero_(gs0)
    return (norm, touched)
'''),
}


def archive(path, cls, code):
    class Stub:  # pickled as GLOBAL '__torch__ <cls>'
        pass

    Stub.__module__ = "__torch__"
    Stub.__qualname__ = cls
    Stub.__name__ = cls
    sys.modules["__torch__"] = type(sys)("__torch__")
    setattr(sys.modules["__torch__"], cls, Stub)
    obj = Stub.__new__(Stub)
    obj.__dict__.update({"training": True, "_is_full_backward_hook": None})
    data = pickle.dumps(obj, protocol=2)
    consts = pickle.dumps((), protocol=2)
    name = os.path.basename(path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with zipfile.ZipFile(path + ".pt", "w", compression=zipfile.ZIP_STORED) as z:
        for entry, payload in [("data.pkl", data), ("code/__torch__.py", HEADER.format(cls=cls) + code),
                               ("constants.pkl", consts), ("version", "3\n"), ("byteorder", "little")]:
            info = zipfile.ZipInfo(f"{name}/{entry}", date_time=(1980, 1, 1, 0, 0, 0))  # reproducible bytes
            z.writestr(info, payload)
    print("wrote", path + ".pt")


root = sys.argv[1]
for rel, (cls, code) in MODULES.items():
    archive(os.path.join(root, rel), cls, code)
