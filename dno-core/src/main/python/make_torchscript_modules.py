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
    # io.dno.core.model.Precision.BF16: x W^T with both operands cast to bfloat16 and the product cast back to
    # float32, in one differentiable call (DJL's own casts are not differentiable, and DJL aborts on BFLOAT16):
    # the forward and both backward products run in bf16 (AMX where the CPU has it), the gradient reaching the
    # float32 master weight is float32. (Serialized TorchScript names dtypes by number: 15 bfloat16, 6 float32.)
    "io/dno/core/model/linear_bf16": ("LinearBf16", '''  def forward(self: __torch__.LinearBf16,
    x: Tensor,
    w: Tensor) -> Tensor:
    return torch.to(torch.linear(torch.to(x, 15), torch.to(w, 15)), 6)
'''),
    # io.dno.core.train.FusedAdamW: global-norm clipping (torch.nn.utils.clip_grad_norm_) and torch.optim.AdamW's
    # fused kernel over every parameter that has a gradient, then zero_grad, in one call. hyper = [lr, beta1,
    # beta2, weight_decay, eps, max_norm]; max_norm <= 0: no norm, no clipping. Returns the norm before clipping;
    # a non-finite norm changes nothing (the caller stops training). The updated lists are returned beside the norm
    # only to keep the updates alive: TorchScript's dead-code elimination drops in-place foreach ops on lists built
    # inside the function when nothing returned aliases them (seen with PyTorch 2.7.1).
    "io/dno/core/train/fused_adamw": ("FusedAdamW", '''  def forward(self: __torch__.FusedAdamW,
    params: List[Tensor],
    exp_avgs: List[Tensor],
    exp_avg_sqs: List[Tensor],
    steps: List[Tensor],
    hyper: List[float]) -> Tuple[float, List[List[Tensor]]]:
    ps: List[Tensor] = []
    gs: List[Tensor] = []
    ms: List[Tensor] = []
    vs: List[Tensor] = []
    ss: List[Tensor] = []
    for i in range(len(params)):
      g = params[i].grad
      if g is not None:
        ps.append(params[i])
        gs.append(g)
        ms.append(exp_avgs[i])
        vs.append(exp_avg_sqs[i])
        ss.append(steps[i])
    norm = 0.
    touched = [ps, gs, ms, vs, ss]
    if len(gs) == 0:
      return (norm, touched)
    max_norm = hyper[5]
    if max_norm > 0.:
      total = torch.norm(torch.stack(torch._foreach_norm(gs, 2.)))
      if not bool(torch.isfinite(total)):
        return (float(total), touched)
      norm = float(total)
      coef = max_norm / (norm + 1e-6)
      if coef < 1.:
        torch._foreach_mul_(gs, coef)
    torch._foreach_add_(ss, 1.)
    no_max: List[Tensor] = []
    torch._fused_adamw_(ps, gs, ms, vs, no_max, ss, lr=hyper[0], beta1=hyper[1], beta2=hyper[2],
        weight_decay=hyper[3], eps=hyper[4], amsgrad=False, maximize=False)
    torch._foreach_zero_(gs)
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
