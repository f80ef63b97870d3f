#!/usr/bin/env python3
"""Independent reference for dno's LoRA files and forward: applies a PEFT LoRA adapter directory the way PEFT's
LoraLayer defines it (h = W x + (lora_alpha / r) * B A x, A = lora_A (r, in), B = lora_B (out, r), tensor names
base_model.model.<module>.lora_A.weight) to the base weights, in float64, then runs llama_reference.forward.

Usage: lora_reference.py MODEL_DIR ADAPTER_DIR < request.json   (request and output as llama_reference.py)
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import llama_reference as ref  # noqa: E402

PREFIX = "base_model.model."


def main():
    model_dir, adapter_dir = sys.argv[1], sys.argv[2]
    with open(model_dir + "/config.json") as f:
        cfg = json.load(f)
    with open(adapter_dir + "/adapter_config.json") as f:
        acfg = json.load(f)
    assert acfg["peft_type"] == "LORA" and acfg["bias"] == "none" and not acfg["fan_in_fan_out"]
    scaling = acfg["lora_alpha"] / acfg["r"]
    w = ref.read_safetensors(model_dir + "/model.safetensors")
    adapter = ref.read_safetensors(adapter_dir + "/adapter_model.safetensors")
    applied = 0
    for name, a in adapter.items():
        if not name.endswith(".lora_A.weight"):
            continue
        module = name[len(PREFIX):-len(".lora_A.weight")]
        assert name.startswith(PREFIX) and module.split(".")[-1] in acfg["target_modules"], name
        b = adapter[PREFIX + module + ".lora_B.weight"]
        assert a.shape[0] == acfg["r"] and b.shape[1] == acfg["r"]
        w[module + ".weight"] = w[module + ".weight"] + scaling * (b @ a)
        applied += 1
    assert applied * 2 == len(adapter), "unpaired adapter tensors"
    request = json.load(sys.stdin)
    token_logprobs, sums = [], []
    for prompt, response in zip(request["prompts"], request["responses"]):
        ids = list(prompt) + list(response)
        logp = torch.log_softmax(ref.forward(cfg, w, ids), dim=-1)
        lp = [logp[len(prompt) + j - 1, tok].item() for j, tok in enumerate(response)]
        token_logprobs.append(lp)
        sums.append(sum(lp))
    json.dump({"token_logprobs": token_logprobs, "sums": sums, "adapted_modules": applied}, sys.stdout)


if __name__ == "__main__":
    main()
