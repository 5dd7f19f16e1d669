#!/usr/bin/python3
"""Reference CGCNN throughput (PyTorch) for the conv benchmark, and the benchmark's graphs.

The model below restates the maths of the reference implementation (Xie & Grossman, PRL 120,
145301 (2018); github.com/txie-93/cgcnn, cgcnn/model.py ConvLayer and CrystalGraphConvNet, and
cgcnn/data.py collate_pool) line for line, so that its speed is the reference's speed.

  generate OUT.npz [--crystals 1024] [--atoms 52] [--seed 1]   write random but realistic graphs
  run GRAPHS.npz [--threads 1] [--batch 256] [--epochs 2] [--optim adam|sgd]
                                                               time training and inference, print JSON

GRAPHS.npz is either written by `generate` or by `spinel bench speed --save-graphs` (the real
crystals spinel times, arrays atom_counts, atom_fea, nbr_fea_idx, nbr_dist): bond features absent
from the file are expanded from the distances here, as the reference's GaussianDistance does.

Graphs: atom features are rows of the reference atom_init.json (92 features) for random elements,
12 neighbours per atom at sorted distances drawn in [1.8, 6.5] A, bond features the Gaussian
expansion of the distance (centres 0..8 A step 0.2, width 0.2: 41 features), neighbour indices
random within the crystal.
"""
import argparse
import json
import os
import resource
import sys
import time

import numpy as np
import torch
import torch.nn as nn


class ConvLayer(nn.Module):
    def __init__(self, atom_fea_len, nbr_fea_len):
        super().__init__()
        self.atom_fea_len = atom_fea_len
        self.nbr_fea_len = nbr_fea_len
        self.fc_full = nn.Linear(2 * atom_fea_len + nbr_fea_len, 2 * atom_fea_len)
        self.sigmoid = nn.Sigmoid()
        self.softplus1 = nn.Softplus()
        self.bn1 = nn.BatchNorm1d(2 * atom_fea_len)
        self.bn2 = nn.BatchNorm1d(atom_fea_len)
        self.softplus2 = nn.Softplus()

    def forward(self, atom_in_fea, nbr_fea, nbr_fea_idx):
        n, m = nbr_fea_idx.shape
        atom_nbr_fea = atom_in_fea[nbr_fea_idx, :]
        total_nbr_fea = torch.cat([atom_in_fea.unsqueeze(1).expand(n, m, self.atom_fea_len),
                                   atom_nbr_fea, nbr_fea], dim=2)
        total_gated_fea = self.fc_full(total_nbr_fea)
        total_gated_fea = self.bn1(total_gated_fea.view(-1, self.atom_fea_len * 2)).view(n, m, self.atom_fea_len * 2)
        nbr_filter, nbr_core = total_gated_fea.chunk(2, dim=2)
        nbr_filter = self.sigmoid(nbr_filter)
        nbr_core = self.softplus1(nbr_core)
        nbr_sumed = torch.sum(nbr_filter * nbr_core, dim=1)
        nbr_sumed = self.bn2(nbr_sumed)
        return self.softplus2(atom_in_fea + nbr_sumed)


class CrystalGraphConvNet(nn.Module):
    def __init__(self, orig_atom_fea_len, nbr_fea_len, atom_fea_len=64, n_conv=3, h_fea_len=128, n_h=1):
        super().__init__()
        self.embedding = nn.Linear(orig_atom_fea_len, atom_fea_len)
        self.convs = nn.ModuleList([ConvLayer(atom_fea_len, nbr_fea_len) for _ in range(n_conv)])
        self.conv_to_fc = nn.Linear(atom_fea_len, h_fea_len)
        self.conv_to_fc_softplus = nn.Softplus()
        if n_h > 1:
            self.fcs = nn.ModuleList([nn.Linear(h_fea_len, h_fea_len) for _ in range(n_h - 1)])
            self.softpluses = nn.ModuleList([nn.Softplus() for _ in range(n_h - 1)])
        self.fc_out = nn.Linear(h_fea_len, 1)

    def forward(self, atom_fea, nbr_fea, nbr_fea_idx, crystal_atom_idx):
        atom_fea = self.embedding(atom_fea)
        for conv in self.convs:
            atom_fea = conv(atom_fea, nbr_fea, nbr_fea_idx)
        crys_fea = self.pooling(atom_fea, crystal_atom_idx)
        crys_fea = self.conv_to_fc(self.conv_to_fc_softplus(crys_fea))
        crys_fea = self.conv_to_fc_softplus(crys_fea)
        if hasattr(self, 'fcs'):
            for fc, softplus in zip(self.fcs, self.softpluses):
                crys_fea = softplus(fc(crys_fea))
        return self.fc_out(crys_fea)

    def pooling(self, atom_fea, crystal_atom_idx):
        summed_fea = [torch.mean(atom_fea[idx_map], dim=0, keepdim=True) for idx_map in crystal_atom_idx]
        return torch.cat(summed_fea, dim=0)


def collate_pool(dataset_list):
    """The reference collate_pool: stack atoms, shift neighbour indices, list each crystal's atoms."""
    batch_atom_fea, batch_nbr_fea, batch_nbr_fea_idx = [], [], []
    crystal_atom_idx, batch_target = [], []
    base_idx = 0
    for (atom_fea, nbr_fea, nbr_fea_idx), target in dataset_list:
        n_i = atom_fea.shape[0]
        batch_atom_fea.append(atom_fea)
        batch_nbr_fea.append(nbr_fea)
        batch_nbr_fea_idx.append(nbr_fea_idx + base_idx)
        crystal_atom_idx.append(torch.LongTensor(np.arange(n_i) + base_idx))
        batch_target.append(target)
        base_idx += n_i
    return (torch.cat(batch_atom_fea, dim=0), torch.cat(batch_nbr_fea, dim=0),
            torch.cat(batch_nbr_fea_idx, dim=0), crystal_atom_idx), torch.stack(batch_target, dim=0)


def generate(args):
    here = os.path.dirname(os.path.abspath(__file__))
    atom_init = os.path.join(here, '..', '..', 'shared', 'anchors', 'cgcnn', 'sample', 'atom_init.json')
    if not os.path.exists(atom_init):
        atom_init = os.path.join(os.environ.get('SPINEL_SHARED', '../shared'), 'anchors/cgcnn/sample/atom_init.json')
    with open(atom_init) as f:
        table = {int(k): np.array(v, dtype=np.float32) for k, v in json.load(f).items()}
    elements = sorted(table)
    rng = np.random.default_rng(args.seed)
    centres = np.arange(0, 8.2, 0.2)
    counts = np.full(args.crystals, args.atoms, dtype=np.int64)
    total = int(counts.sum())
    z = rng.choice(elements, size=total)
    atom_fea = np.stack([table[int(e)] for e in z]).astype(np.float32)
    dist = np.sort(rng.uniform(1.8, 6.5, size=(total, 12)), axis=1)
    nbr_fea = np.exp(-(dist[..., None] - centres) ** 2 / 0.2 ** 2).astype(np.float32)
    nbr_idx = np.concatenate([rng.integers(0, n, size=(n, 12)) for n in counts]).astype(np.int64)
    np.savez(args.out, atom_counts=counts, atomic_numbers=z.astype(np.int64), atom_fea=atom_fea,
             nbr_fea_idx=nbr_idx, nbr_dist=dist.astype(np.float32), nbr_fea=nbr_fea)
    print(f'{args.crystals} crystals of {args.atoms} atoms -> {args.out}', file=sys.stderr)


def run(args):
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    with np.load(args.graphs) as z:
        d = {k: z[k] for k in z.files}   # an NpzFile re-reads an array on every access
    if 'nbr_fea' not in d:
        # the reference's GaussianDistance(dmin=0, dmax=8, step=0.2): exp(-(d - mu)^2 / 0.2^2)
        centres = np.arange(0, 8 + 0.2, 0.2)
        d['nbr_fea'] = np.exp(-(d['nbr_dist'][..., None] - centres) ** 2 / 0.2 ** 2).astype(np.float32)
    counts = d['atom_counts']
    starts = np.concatenate([[0], np.cumsum(counts)])
    data = []
    rng = np.random.default_rng(0)
    for c in range(len(counts)):
        s, e = starts[c], starts[c + 1]
        data.append(((torch.from_numpy(d['atom_fea'][s:e]), torch.from_numpy(d['nbr_fea'][s:e]),
                      torch.from_numpy(d['nbr_fea_idx'][s:e])), torch.tensor([rng.normal()], dtype=torch.float32)))
    atoms = int(counts.sum())
    model = CrystalGraphConvNet(data[0][0][0].shape[1], data[0][0][1].shape[2])
    if args.optim == 'adam':  # spinel's default optimiser (reference main.py: --optim Adam --lr 0.001)
        optimizer = torch.optim.Adam(model.parameters(), 0.001)
    else:  # the reference's default: SGD, lr 0.01, momentum 0.9
        optimizer = torch.optim.SGD(model.parameters(), 0.01, momentum=0.9)
    criterion = nn.MSELoss()
    batches = [data[i:i + args.batch] for i in range(0, len(data), args.batch)]

    def train_epoch():
        model.train()
        for b in batches:
            (a, nf, ni, idx), target = collate_pool(b)
            loss = criterion(model(a, nf, ni, idx), target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

    def infer_epoch():
        model.eval()
        with torch.no_grad():
            for b in batches:
                (a, nf, ni, idx), _ = collate_pool(b)
                model(a, nf, ni, idx)

    train_epoch()  # warm-up
    t, c = time.perf_counter(), time.process_time()
    for _ in range(args.epochs):
        train_epoch()
    train_s, train_cpu = time.perf_counter() - t, time.process_time() - c
    infer_epoch()
    t, c = time.perf_counter(), time.process_time()
    for _ in range(args.epochs):
        infer_epoch()
    infer_s, infer_cpu = time.perf_counter() - t, time.process_time() - c
    n = len(data) * args.epochs
    print(json.dumps({'impl': 'reference-pytorch', 'torch': torch.__version__, 'threads': args.threads,
                      'optim': args.optim, 'load_average': os.getloadavg()[0],
                      'peak_rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      'batch': args.batch, 'crystals': len(data), 'atoms': atoms, 'epochs': args.epochs,
                      'train_crystals_per_s': n / train_s, 'train_atoms_per_s': atoms * args.epochs / train_s,
                      'infer_crystals_per_s': n / infer_s, 'infer_atoms_per_s': atoms * args.epochs / infer_s,
                      'train_crystals_per_cpu_s': n / train_cpu, 'infer_crystals_per_cpu_s': n / infer_cpu}))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest='cmd', required=True)
    g = sub.add_parser('generate')
    g.add_argument('out')
    g.add_argument('--crystals', type=int, default=1024)
    g.add_argument('--atoms', type=int, default=52)
    g.add_argument('--seed', type=int, default=1)
    r = sub.add_parser('run')
    r.add_argument('graphs')
    r.add_argument('--threads', type=int, default=1)
    r.add_argument('--batch', type=int, default=256)
    r.add_argument('--epochs', type=int, default=2)
    r.add_argument('--optim', choices=['adam', 'sgd'], default='adam')
    args = p.parse_args()
    generate(args) if args.cmd == 'generate' else run(args)


if __name__ == '__main__':
    main()
