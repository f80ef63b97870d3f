# Writes the TorchScript archives behind io.dno.core.model.FusedAttention (no torch needed: a TorchScript
# archive is a zip of a pickle and TorchScript source; see ../shared/docs/DJL-NOTES.md section 10).
#   python3 dno-core/src/main/python/make_sdpa_modules.py dno-core/src/main/resources/io/dno/core/model
# sdpa_masked.pt: forward(q, k, v, bias) = scaled_dot_product_attention(q, k, v, bias, enable_gqa=True)
# sdpa_causal.pt: forward(q, k, v)       = scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=True)
import os, pickle, sys, zipfile

CODE = {
    "sdpa_masked": '''class SDPA(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  _is_full_backward_hook : Optional[bool]
  def forward(self: __torch__.SDPA,
    q: Tensor,
    k: Tensor,
    v: Tensor,
    bias: Tensor) -> Tensor:
    return torch.scaled_dot_product_attention(q, k, v, bias, 0., False, scale=None, enable_gqa=True)
''',
    "sdpa_causal": '''class SDPA(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  _is_full_backward_hook : Optional[bool]
  def forward(self: __torch__.SDPA,
    q: Tensor,
    k: Tensor,
    v: Tensor) -> Tensor:
    return torch.scaled_dot_product_attention(q, k, v, None, 0., True, scale=None, enable_gqa=True)
''',
}


class SDPA:  # pickled as GLOBAL '__torch__ SDPA'
    pass


SDPA.__module__ = "__torch__"
SDPA.__qualname__ = "SDPA"
sys.modules["__torch__"] = type(sys)("__torch__")
sys.modules["__torch__"].SDPA = SDPA
obj = SDPA.__new__(SDPA)
obj.__dict__.update({"training": True, "_is_full_backward_hook": None})
data = pickle.dumps(obj, protocol=2)
consts = pickle.dumps((), protocol=2)
out_dir = sys.argv[1]
for name, code in CODE.items():
    path = os.path.join(out_dir, name + ".pt")
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as z:
        for entry, payload in [("data.pkl", data), ("code/__torch__.py", code), ("constants.pkl", consts),
                               ("version", "3\n"), ("byteorder", "little")]:
            info = zipfile.ZipInfo(f"{name}/{entry}", date_time=(1980, 1, 1, 0, 0, 0))  # reproducible bytes
            z.writestr(info, payload)
    print("wrote", path)
