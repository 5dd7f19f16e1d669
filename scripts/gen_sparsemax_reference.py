#!/usr/bin/env python3
"""Reference values for spinel.train.tabnet.Sparsemax, from PyTorch (Debian's python3-torch 1.13).

Run with Debian's interpreter:

  /usr/bin/python3 scripts/gen_sparsemax_reference.py \
      --out train/src/test/resources/spinel/train/tabnet/sparsemax_reference.json

Sparsemax (Martins & Astudillo, ICML 2016, algorithm 1) over the last axis of each row z: sort z in
decreasing order, k(z) = max{k : 1 + k z_(k) > sum_{j<=k} z_(j)}, tau = (sum_{j<=k(z)} z_(j) - 1) / k(z),
p = max(z - tau, 0). Written here directly in torch (sort, cumsum, threshold) in float64, and
differentiated by torch's autograd: for each row the gradient of sum(w * p) with respect to z for a
fixed random weight vector w (the vector-Jacobian product the backward pass computes), next to the
closed form of the paper (eq. 10: dp/dz = diag(s) - s s^T / |S|, s the support indicator), which the
script checks agrees with autograd.

Rows: random normal logits of several scales (small scale: dense output, large: one-hot), rows with
ties, a constant row, a row with one dominant entry, and rows of a second width.
"""
import argparse
import json

import torch


def sparsemax(z):
    zs, _ = torch.sort(z, dim=-1, descending=True)
    k = torch.arange(1, z.shape[-1] + 1, dtype=z.dtype)
    cs = torch.cumsum(zs, dim=-1)
    support = (1 + k * zs) > cs
    kz = support.sum(dim=-1, keepdim=True)
    tau = (torch.gather(cs, -1, kz - 1) - 1) / kz.to(z.dtype)
    return torch.clamp(z - tau, min=0)


def closed_form_vjp(p, w):
    s = (p > 0).to(p.dtype)
    n = s.sum(dim=-1, keepdim=True)
    return s * (w - (s * w).sum(dim=-1, keepdim=True) / n)


def rows(width, gen):
    out = []
    for scale in (0.1, 0.5, 1.0, 2.0, 5.0):
        for _ in range(4):
            out.append(torch.randn(width, generator=gen, dtype=torch.float64) * scale)
    tie = torch.randn(width, generator=gen, dtype=torch.float64)
    tie[1] = tie[0]
    tie[3] = tie[0]
    out.append(tie)
    out.append(torch.full((width,), 0.7, dtype=torch.float64))
    big = torch.randn(width, generator=gen, dtype=torch.float64) * 0.1
    big[2] = 4.0
    out.append(big)
    return torch.stack(out)


def case(width, gen):
    z = rows(width, gen).requires_grad_(True)
    w = torch.randn(z.shape, generator=gen, dtype=torch.float64)
    p = sparsemax(z)
    (p * w).sum().backward()
    closed = closed_form_vjp(p.detach(), w)
    assert torch.allclose(z.grad, closed, atol=1e-12), "autograd disagrees with eq. 10"
    assert torch.allclose(p.sum(-1), torch.ones(p.shape[0], dtype=p.dtype), atol=1e-12)
    return {
        "width": width,
        "z": z.detach().tolist(),
        "p": p.detach().tolist(),
        "w": w.tolist(),
        "grad": z.grad.tolist(),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    gen = torch.Generator().manual_seed(12)
    doc = {
        "source": "scripts/gen_sparsemax_reference.py, torch " + torch.__version__ + ", float64",
        "cases": [case(7, gen), case(64, gen)],
    }
    with open(args.out, "w") as f:
        json.dump(doc, f)
        f.write("\n")


if __name__ == "__main__":
    main()
