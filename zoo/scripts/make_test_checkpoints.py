#!/usr/bin/python3
"""Writes the small PyTorch checkpoints the zoo tests read, and the values they must contain.

Run once with Debian's python3-torch (1.13):  /usr/bin/python3 zoo/scripts/make_test_checkpoints.py
Outputs (committed): zoo/src/test/resources/spinel/zoo/torch/tiny-{zip,legacy}.pth and tiny.json.
Python is needed only to regenerate these files, never to build or test Spinel.
"""
import argparse
import collections
import json
import os

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "spinel", "zoo", "torch")
os.makedirs(OUT, exist_ok=True)

g = torch.Generator().manual_seed(7)
base = torch.randn(3, 4, generator=g)
sd = collections.OrderedDict()
sd["embedding.weight"] = torch.randn(4, 5, generator=g)
sd["embedding.bias"] = torch.randn(4, generator=g)
sd["transposed"] = base.t()                       # non-contiguous view: strides (1, 4)
sd["sliced"] = base[1:, 2:]                       # view with a storage offset
sd["double"] = torch.randn(2, 3, generator=g, dtype=torch.float64)
sd["half"] = torch.tensor([0.5, -2.0, 65504.0, 6e-8], dtype=torch.float16)
sd["long"] = torch.tensor([[1, -2], [3, 2**40]], dtype=torch.int64)
sd["scalar"] = torch.tensor(3.25)

args = argparse.Namespace(task="regression", atom_fea_len=8, n_conv=2, h_fea_len=16, n_h=1,
                          lr_milestones=[100], data_options=("a", "b"))
ckpt = {
    "epoch": 12,
    "state_dict": sd,
    "best_mae_error": np.float64(0.125),
    "normalizer": {"mean": torch.tensor(-1.5), "std": torch.tensor(2.0)},
    "args": args,
    "tags": {"x", "y"},
}
torch.save(ckpt, os.path.join(OUT, "tiny-zip.pth"), _use_new_zipfile_serialization=True)
torch.save(ckpt, os.path.join(OUT, "tiny-legacy.pth"), _use_new_zipfile_serialization=False)

expected = {
    "torch": torch.__version__,
    "tensors": {k: {"dtype": str(v.dtype).replace("torch.", ""), "shape": list(v.shape),
                    "values": v.double().flatten().tolist()} for k, v in sd.items()},
    "epoch": 12, "best_mae_error": 0.125, "normalizer": {"mean": -1.5, "std": 2.0},
    "args": {"task": "regression", "atom_fea_len": 8, "n_conv": 2, "h_fea_len": 16, "n_h": 1,
             "lr_milestones": [100], "data_options": ["a", "b"]},
}
with open(os.path.join(OUT, "tiny.json"), "w") as f:
    json.dump(expected, f, indent=1)
print("wrote", OUT)
