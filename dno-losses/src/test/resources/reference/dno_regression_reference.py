#!/usr/bin/env python3
"""Independent reference for DNO's regression step, Rosset et al. 2024 (arXiv:2404.03715), Algorithm 1, Eq. 8, in
float64 PyTorch: for each pair (y1, y2) with soft target z = sigma(r_t(y1) - r_t(y2)),

    h_i = log pi(y_i|x) - log pi_t(y_i|x),   d = eta * (h_1 - h_2)
    L   = mean[ -( z * log sigma(d) + (1 - z) * log sigma(-d) ) ]

Prints the loss and its gradient with respect to log pi(y1|x) and log pi(y2|x). The same loss is also computed with
torch's binary_cross_entropy_with_logits and the two must agree (a check of this script itself).

Usage: dno_regression_reference.py < {"eta": .., "policy_chosen": [..], "policy_rejected": [..],
                                      "reference_chosen": [..], "reference_rejected": [..], "targets": [..]}
"""
import json
import sys

import torch
import torch.nn.functional as F


def main():
    req = json.load(sys.stdin)
    t = {k: torch.tensor(req[k], dtype=torch.float64) for k in
         ("policy_chosen", "policy_rejected", "reference_chosen", "reference_rejected", "targets")}
    pc = t["policy_chosen"].clone().requires_grad_(True)
    pr = t["policy_rejected"].clone().requires_grad_(True)
    z = t["targets"]
    d = req["eta"] * ((pc - t["reference_chosen"]) - (pr - t["reference_rejected"]))
    loss = -(z * F.logsigmoid(d) + (1 - z) * F.logsigmoid(-d)).mean()
    check = F.binary_cross_entropy_with_logits(d.detach(), z)
    assert abs(loss.item() - check.item()) < 1e-12, (loss.item(), check.item())
    loss.backward()
    json.dump({"loss": loss.item(), "grad_policy_chosen": pc.grad.tolist(),
               "grad_policy_rejected": pr.grad.tolist()}, sys.stdout)


if __name__ == "__main__":
    main()
