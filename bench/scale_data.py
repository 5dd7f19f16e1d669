"""Builds the inputs of bench/scale.sh: JSON Lines of structures made by repeating the Materials Project
CIFs of ../shared/data/mp_36k (each line {"id": "<id>-r<k>", "structure": "<CIF text>"}), written outside
the repository. Standard library only.

usage: scale_data.py CIF_FOLDER N OUT.jsonl[.gz]
"""
import gzip
import json
import os
import sys


def main():
    folder, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    names = sorted((f for f in os.listdir(folder) if f.endswith(".cif")), key=lambda f: int(f[:-4]))
    texts = [open(os.path.join(folder, f)).read() for f in names]
    opener = (lambda p: gzip.open(p, "wt", compresslevel=1)) if out.endswith(".gz") else (lambda p: open(p, "w"))
    tmp = out + ".part"
    with opener(tmp) as w:
        for k in range(n):
            i = k % len(texts)
            w.write(json.dumps({"id": "%s-r%d" % (names[i][:-4], k // len(texts)), "structure": texts[i]}))
            w.write("\n")
    os.replace(tmp, out)


if __name__ == "__main__":
    main()
