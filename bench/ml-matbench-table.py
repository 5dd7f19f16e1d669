#!/usr/bin/env python3
"""Markdown table of bench/ml-matbench.sh results: one row per model of a task, MAE per fold, mean,
CPU seconds (user + sys from /usr/bin/time, summed over folds), peak RSS (max over folds) and the command.

    bench/ml-matbench-table.py OUT/<task>
"""
import json
import pathlib
import sys

root = pathlib.Path(sys.argv[1])
print("| model | MAE per fold 0 / 1 / 2 / 3 / 4 | mean MAE | CPU s (all folds) | peak RSS MB | command (fold 0) |")
print("|---|---|---|---|---|---|")
for model in sorted(p for p in root.iterdir() if p.is_dir() and p.name != "graph-cache"):
    maes, cpu, rss, cmd = {}, 0.0, 0.0, ""
    for fold in sorted(model.glob("fold-*")):
        m, t = fold / "metrics.json", fold / "time.txt"
        if not (m.exists() and t.exists()):
            continue
        k = int(fold.name.split("-")[1])
        maes[k] = json.loads(m.read_text())["test"]["mae"]
        user, sys_, kb, _ = t.read_text().split()[-4:]
        cpu += float(user) + float(sys_)
        rss = max(rss, int(kb) / 1024)
        if k == 0 and (fold / "command.txt").exists():
            cmd = (fold / "command.txt").read_text().strip()
            cmd = cmd.split(" --out ")[0].strip()
    if not maes:
        continue
    per = " / ".join(f"{maes[k]:.4g}" if k in maes else "—" for k in range(5))
    mean = sum(maes.values()) / len(maes)
    note = "" if len(maes) == 5 else f" ({len(maes)} folds)"
    print(f"| {model.name} | {per} | {mean:.4g}{note} | {cpu:.0f} | {rss:.0f} | `{cmd}` |")
