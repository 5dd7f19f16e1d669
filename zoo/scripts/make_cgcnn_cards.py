#!/usr/bin/python3
"""Writes the model cards of the eight published CGCNN checkpoints (zoo/src/main/resources/spinel/zoo/registry/cgcnn.json).

Reads the anchors in ../shared/anchors/cgcnn (the checkpoints themselves for size and SHA-256, the
reference JSON for args, normaliser and validation error). Run from the repository root:
    /usr/bin/python3 zoo/scripts/make_cgcnn_cards.py [path/to/shared]
"""
import hashlib
import json
import os
import sys

SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared")
CGCNN = os.path.join(SHARED, "anchors", "cgcnn")
OUT = os.path.join("zoo", "src", "main", "resources", "spinel", "zoo", "registry", "cgcnn.json")
BASE = "https://github.com/txie-93/cgcnn/raw/master/"

MODELS = {
    # name: (title, target description, units, classes)
    "formation-energy-per-atom": ("Formation energy per atom", "formation energy per atom (DFT, Materials Project)", "eV/atom", None),
    "final-energy-per-atom": ("Total energy per atom", "final (total) DFT energy per atom (Materials Project)", "eV/atom", None),
    "band-gap": ("Band gap", "DFT (PBE) band gap of semiconductors (Materials Project)", "eV", None),
    "efermi": ("Fermi energy", "DFT Fermi energy (Materials Project)", "eV", None),
    "bulk-moduli": ("Bulk modulus (log)", "logarithm of the Voigt-Reuss-Hill bulk modulus, as published", "log(GPa)", None),
    "shear-moduli": ("Shear modulus (log)", "logarithm of the Voigt-Reuss-Hill shear modulus, as published", "log(GPa)", None),
    "poisson-ratio": ("Poisson ratio", "Poisson ratio (Materials Project elasticity data)", "dimensionless", None),
    "semi-metal-classification": ("Metal / semiconductor classifier", "probability that the crystal is a metal (class 1) rather than a semiconductor (class 0)", "probability", ["semiconductor", "metal"]),
}

DATA = {
    "20170419_high_accu.json": "Materials Project structures and properties, snapshot of 2017-04-19 (the CGCNN authors' 'high_accu' set)",
    "20170419_semi.json": "Materials Project semiconductors, snapshot of 2017-04-19 (the CGCNN authors' 'semi' set)",
    "20170419_mecha.json": "Materials Project elastic constants (de Jong et al., Sci. Data 2, 150009 (2015)), snapshot of 2017-04-19",
}


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


atom_init = os.path.join(CGCNN, "sample", "atom_init.json")
atom_init_file = {
    "name": "atom_init.json",
    "url": BASE + "data/sample-regression/atom_init.json",
    "size": os.path.getsize(atom_init),
    "sha256": sha256(atom_init),
    "format": "atom-init-json",
}
cards = []
for name, (title, desc, units, classes) in MODELS.items():
    ref = json.load(open(os.path.join(CGCNN, "reference", name + ".json")))
    pth = os.path.join(CGCNN, "pre-trained", name + ".pth.tar")
    digest = sha256(pth)
    assert digest == ref["source_sha256"], name
    a, d = ref["args"], ref["derived"]
    data_file = os.path.basename(a["data_options"][0])
    classification = a["task"] == "classification"
    metric = {
        "name": "auc" if classification else "mae",
        "split": "validation",
        "value": ref["best_mae_error"],
        "n": a["val_size"],
        "source": "best_mae_error stored in the checkpoint (epoch %d of %d); not re-measured by Spinel" % (ref["epoch"], a["epochs"]),
    }
    if not classification:
        metric["units"] = units
    target = {"name": a["data_options"][2], "units": units, "description": desc}
    if classes:
        target["classes"] = classes
    cards.append({
        "id": "cgcnn/" + name,
        "version": "2018",
        "title": title + " (published CGCNN)",
        "description": "Pretrained crystal graph convolutional network published with the reference CGCNN "
                       "implementation. Predicts the " + desc + ". Trained on Materials Project data: use it on "
                       "crystals like those (ICSD-derived inorganic solids).",
        "architecture": "cgcnn",
        "task": a["task"],
        "target": target,
        "training": {
            "data": DATA.get(data_file, data_file),
            "data_licence": "Materials Project data: CC BY 4.0",
            "split": "random %d / %d / %d train / validation / test" % (a["train_size"], a["val_size"], a["test_size"]),
            "epochs": a["epochs"],
            "command": "python main.py (reference CGCNN) with optim %s, lr %g, milestones %s, batch %d, atom_fea_len %d, n_conv %d, h_fea_len %d, n_h %d"
                       % (a["optim"], a["lr"], a["lr_milestones"], a["batch_size"], a["atom_fea_len"], a["n_conv"], a["h_fea_len"], a["n_h"]),
            "source": "https://github.com/txie-93/cgcnn/tree/master/pre-trained",
        },
        "metrics": [metric],
        "featurizer": {"radius": 8.0, "max_neighbors": 12,
                       "gaussian": {"dmin": 0.0, "dmax": 8.0, "step": 0.2, "var": 0.2},
                       "atom_features": "atom_init"},
        "network": {"orig_atom_fea_len": d["orig_atom_fea_len"], "nbr_fea_len": d["nbr_fea_len"],
                    "atom_fea_len": d["atom_fea_len"], "n_conv": d["n_conv"], "h_fea_len": d["h_fea_len"],
                    "n_h": d["n_h"], "n_out": d["n_out"]},
        "reference": "T. Xie and J. C. Grossman, Phys. Rev. Lett. 120, 145301 (2018)",
        "licence": "MIT (Copyright (c) 2018 Tian Xie)",
        "files": {
            "weights": {"name": name + ".pth.tar", "url": BASE + "pre-trained/" + name + ".pth.tar",
                        "size": os.path.getsize(pth), "sha256": digest, "format": "torch"},
            "atom_init": atom_init_file,
        },
    })

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump(cards, f, indent=1)
    f.write("\n")
print("wrote", len(cards), "cards to", OUT)
