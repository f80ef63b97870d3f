#!/usr/bin/env python3
"""Independent reference for dno's RewardModel: HF LlamaForSequenceClassification / Qwen2ForSequenceClassification
with num_labels 1, written from transformers' formulas with PyTorch only (the decoder of llama_reference.py).

Usage: reward_reference.py MODEL_DIR < request.json
  request: {"sequences": [[ids...], ...]}
  prints:  {"rewards": [r, ...], "pooled": [position, ...]}

Each sequence is run alone, in float64. Pooling follows transformers >= 4.48: the rightmost token whose id is
not config.pad_token_id (the last token when there is none); the reward is score.weight . h[pooled].
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import llama_reference  # noqa: E402


def main():
    model_dir = sys.argv[1]
    with open(model_dir + "/config.json") as f:
        cfg = json.load(f)
    w = llama_reference.read_safetensors(model_dir + "/model.safetensors")
    score = w["score.weight"]
    pad = cfg.get("pad_token_id")
    request = json.load(sys.stdin)
    rewards, pooled = [], []
    for ids in request["sequences"]:
        h = llama_reference.hidden(cfg, w, list(ids))
        if pad is None:
            last = len(ids) - 1
        else:
            positions = [j for j, t in enumerate(ids) if t != pad]
            last = positions[-1] if positions else 0
        rewards.append((h[last] @ score[0]).item())
        pooled.append(last)
    json.dump({"rewards": rewards, "pooled": pooled}, sys.stdout)


if __name__ == "__main__":
    main()
