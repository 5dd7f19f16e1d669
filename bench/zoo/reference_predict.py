#!/usr/bin/python3
"""The reference CGCNN's predict.py pipeline, for speed comparisons only (not used by Spinel).

Same work as `python predict.py model.pth.tar root_dir` of https://github.com/txie-93/cgcnn
(Xie & Grossman, PRL 120, 145301 (2018)): pymatgen reads each CIF, get_all_neighbors(8 Å), the 12
nearest kept (padding idx 0 / distance 9 Å), Gaussian expansion 0..8 Å step 0.2 (var 0.2), atom_init
features; batches of 256 collated as collate_pool; eval-mode forward of the published network;
denormalised output. Written here from the paper and the checkpoint layout (Debian python3-torch and
python3-pymatgen), single process, DataLoader workers 0 as predict.py's default.

usage: reference_predict.py CHECKPOINT ATOM_INIT OUT.csv CIF... | @LIST (a file of CIF paths, one per line)
"""
import csv
import json
import sys
import time
import warnings

import numpy as np
import torch
import torch.nn as nn
from pymatgen.core.structure import Structure

warnings.filterwarnings("ignore")


class ConvLayer(nn.Module):
    def __init__(self, a, b):
        super().__init__()
        self.a = a
        self.fc_full = nn.Linear(2 * a + b, 2 * a)
        self.bn1 = nn.BatchNorm1d(2 * a)
        self.bn2 = nn.BatchNorm1d(a)
        self.sigmoid, self.softplus1, self.softplus2 = nn.Sigmoid(), nn.Softplus(), nn.Softplus()

    def forward(self, x, nbr_fea, nbr_idx):
        n, m = nbr_idx.shape
        z = torch.cat([x.unsqueeze(1).expand(n, m, self.a), x[nbr_idx, :], nbr_fea], dim=2)
        g = self.bn1(self.fc_full(z).view(-1, 2 * self.a)).view(n, m, 2 * self.a)
        f, c = g.chunk(2, dim=2)
        s = self.bn2(torch.sum(self.sigmoid(f) * self.softplus1(c), dim=1))
        return self.softplus2(x + s)


class Net(nn.Module):
    def __init__(self, orig, b, a, n_conv, h, n_h, classification):
        super().__init__()
        self.classification = classification
        self.embedding = nn.Linear(orig, a)
        self.convs = nn.ModuleList([ConvLayer(a, b) for _ in range(n_conv)])
        self.conv_to_fc = nn.Linear(a, h)
        self.sp = nn.Softplus()
        self.fcs = nn.ModuleList([nn.Linear(h, h) for _ in range(n_h - 1)])
        self.fc_out = nn.Linear(h, 2 if classification else 1)

    def forward(self, x, nbr_fea, nbr_idx, crystal_atom_idx):
        x = self.embedding(x)
        for conv in self.convs:
            x = conv(x, nbr_fea, nbr_idx)
        pooled = torch.cat([torch.mean(x[idx], dim=0, keepdim=True) for idx in crystal_atom_idx], dim=0)
        h = self.sp(self.conv_to_fc(self.sp(pooled)))
        for fc in self.fcs:
            h = self.sp(fc(h))
        out = self.fc_out(h)
        return nn.functional.log_softmax(out, dim=1) if self.classification else out


def featurize(path, atom_init, centers, radius=8.0, m=12, var=0.2):
    s = Structure.from_file(path)
    atom_fea = np.vstack([atom_init[site.specie.number] for site in s])
    idx, dist = [], []
    for nbrs in s.get_all_neighbors(radius, include_index=True):
        nbrs = sorted(nbrs, key=lambda x: x[1])[:m]
        idx.append([n[2] for n in nbrs] + [0] * (m - len(nbrs)))
        dist.append([n[1] for n in nbrs] + [radius + 1.0] * (m - len(nbrs)))
    dist = np.array(dist)
    bond = np.exp(-(dist[..., np.newaxis] - centers) ** 2 / var ** 2)
    return (torch.Tensor(atom_fea), torch.Tensor(bond), torch.LongTensor(np.array(idx)))


def main():
    ckpt_path, atom_init_path, out_path, files = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    if len(files) == 1 and files[0].startswith("@"):
        files = [line.strip() for line in open(files[0][1:]) if line.strip()]
    t0 = time.time()
    ckpt = torch.load(ckpt_path, map_location="cpu")
    a = ckpt["args"]
    args = a if isinstance(a, dict) else vars(a)
    sd = ckpt["state_dict"]
    classification = args["task"] == "classification"
    net = Net(sd["embedding.weight"].shape[1], sd["convs.0.fc_full.weight"].shape[1] - 2 * args["atom_fea_len"],
              args["atom_fea_len"], args["n_conv"], args["h_fea_len"], args["n_h"], classification)
    net.load_state_dict(sd)
    net.eval()
    mean, std = float(ckpt["normalizer"]["mean"]), float(ckpt["normalizer"]["std"])
    atom_init = {int(k): np.array(v, dtype=float) for k, v in json.load(open(atom_init_path)).items()}
    centers = np.arange(0, 8.0 + 0.2, 0.2)
    rows, atoms = [], 0
    with torch.no_grad():
        for start in range(0, len(files), 256):
            batch, names = [], []
            for f in files[start:start + 256]:
                try:
                    batch.append(featurize(f, atom_init, centers))
                    names.append(f)
                except Exception as e:  # predict.py would stop; we count and go on, as Spinel does
                    rows.append((f, "error: %s" % e))
            if not batch:
                continue
            xs, bs, ids, crys, base = [], [], [], [], 0
            for x, b, i in batch:
                n = x.shape[0]
                xs.append(x); bs.append(b); ids.append(i + base)
                crys.append(torch.LongTensor(np.arange(n) + base))
                base += n
            atoms += base
            out = net(torch.cat(xs), torch.cat(bs), torch.cat(ids), crys)
            vals = out[:, 1].exp() if classification else out[:, 0] * std + mean
            rows.extend(zip(names, vals.tolist()))
    seconds = time.time() - t0
    with open(out_path, "w", newline="") as f:
        csv.writer(f).writerows(rows)
    print(json.dumps({"structures": len(files), "atoms": atoms, "seconds": seconds,
                      "structures_per_s": len(files) / seconds}))


if __name__ == "__main__":
    main()
