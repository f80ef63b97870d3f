#!/usr/bin/env python3
"""Independent reference for dno's merge arithmetic: mergekit's formulas (arcee-ai/mergekit a6e4028,
merge_methods/linear.py, slerp.py, generalized_task_arithmetic.py, registry.py, sparsify.py) restated in torch
on small 1-D tensors, float64 unless noted.

DARE's Bernoulli masks come from the request (mergekit draws them from torch's generator, dno from a seeded
SplittableRandom), so the two are compared on the same masks.

Request on stdin: {"cases": [{"method": "linear" | "task_arithmetic" | "ties" | "dare_linear" | "dare_ties" |
"slerp", "models": [[...], ...], "base": [...] | null, "weights": [...], "lambda": float, "density": float,
"masks": [[0|1, ...], ...] | null, "normalize": bool, "rescale": bool, "t": float}, ...]}
Answer on stdout: {"results": [[...], ...]}
"""
import json
import sys

import numpy as np
import torch

# consensus method and sparsification per task-vector method, as mergekit's registry declares them
TASK_VECTOR_METHODS = {
    "task_arithmetic": (None, None),
    "ties": ("sum", "magnitude"),
    "dare_linear": (None, "random"),
    "dare_ties": ("sum", "random"),
}


def rescale_l1(tensor, mask, rescale, eps=1e-7):
    kept = tensor * mask
    if not rescale:
        return kept
    before = tensor.abs().sum()
    after = kept.abs().sum()
    if before < eps or after < eps:
        return kept
    return kept * (before / after)


def magnitude_mask(tensor, density):
    if density >= 1:
        return torch.ones_like(tensor)
    k = int(density * tensor.numel())
    assert k > 0
    mask = torch.zeros_like(tensor)
    mask[torch.argsort(tensor.abs(), descending=True)[:k]] = 1
    return mask


def task_vectors(case):
    consensus, sparsification = TASK_VECTOR_METHODS[case["method"]]
    base = torch.tensor(case["base"], dtype=torch.float64)
    deltas = []
    for i, model in enumerate(case["models"]):
        delta = torch.tensor(model, dtype=torch.float64) - base
        if sparsification == "magnitude":
            delta = rescale_l1(delta, magnitude_mask(delta, case["density"]), case["rescale"])
        elif sparsification == "random":
            mask = torch.tensor(case["masks"][i], dtype=torch.float64)
            delta = rescale_l1(delta, mask, case["rescale"])
        deltas.append(delta)
    deltas = torch.stack(deltas)                                             # (k, n)
    weights = torch.tensor(case["weights"], dtype=torch.float64).unsqueeze(-1)  # (k, 1)
    weighted = deltas * weights
    if consensus == "sum":
        majority = (weighted.sum(dim=0) >= 0).to(torch.float64) * 2 - 1
        agree = (weighted.sign() == majority).to(torch.float64)
        mixed = (weighted * agree).sum(dim=0)
        divisor = (weights * agree).sum(dim=0)
        divisor[divisor == 0] = 1
    else:
        mixed = weighted.sum(dim=0)
        divisor = weights.sum(dim=0)
        divisor[divisor.abs() < 1e-8] = 1
    if case["normalize"]:
        mixed = mixed / divisor
    return base + case["lambda"] * mixed


def linear(case):
    tensors = torch.tensor(case["models"], dtype=torch.float64)
    weights = torch.tensor(case["weights"], dtype=torch.float64).unsqueeze(-1)
    merged = (weights * tensors).sum(dim=0)
    if case["normalize"]:
        merged = merged / weights.sum(dim=0)
    return merged


def slerp(case, threshold=0.9995, eps=1e-8):
    # mergekit computes slerp in float32 numpy
    v0 = np.array(case["models"][0], dtype=np.float32)
    v1 = np.array(case["models"][1], dtype=np.float32)
    t = case["t"]
    u0 = v0 / np.linalg.norm(v0) if np.linalg.norm(v0) > eps else v0
    u1 = v1 / np.linalg.norm(v1) if np.linalg.norm(v1) > eps else v1
    dot = np.sum(u0 * u1)
    if np.abs(dot) > threshold:
        return torch.from_numpy((1 - t) * v0 + t * v1)
    theta = np.arccos(dot)
    s0 = np.sin(theta - theta * t) / np.sin(theta)
    s1 = np.sin(theta * t) / np.sin(theta)
    return torch.from_numpy(s0 * v0 + s1 * v1)


def merge(case):
    if case["method"] == "linear":
        return linear(case)
    if case["method"] == "slerp":
        return slerp(case)
    return task_vectors(case)


def main():
    request = json.load(sys.stdin)
    results = [merge(case).to(torch.float64).tolist() for case in request["cases"]]
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
