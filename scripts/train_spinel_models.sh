#!/usr/bin/env bash
# How the bundled spinel/* models were made: the exact `spinel train` runs and the `spinel zoo
# package` calls that turned their run folders into zoo/src/main/resources/spinel/zoo/models/*.npz
# and the cards in zoo/src/main/resources/spinel/zoo/registry/spinel.json.
#
#   scripts/train_spinel_models.sh train [NAME...]    # NAME: formation-energy band-gap volume-per-atom space-group-from-composition space-group space-group-approximate
#   scripts/train_spinel_models.sh status [NAME...]   # epoch reached, best validation MAE, whether it runs
#   scripts/train_spinel_models.sh package [NAME...]
#
# Data is unpacked from ../shared/data into /tmp/spinel-data (never into the repository); runs go
# to /tmp/spinel-runs/NAME (formation-energy, band-gap and volume-per-atom: NAME-v2). `train` on a run folder that holds
# a checkpoint resumes it (--resume; the run's config.json must match, see ResumeCheck), so a
# long run is continued over several sittings by running the same line again:
#
#   nohup nice -n 19 scripts/train_spinel_models.sh train formation-energy >> /tmp/spinel-runs/formation-energy-v2.log 2>&1 &
#   nohup nice -n 19 scripts/train_spinel_models.sh train band-gap >> /tmp/spinel-runs/band-gap-v2.log 2>&1 &
#
# Start the second only once the first has logged "split:" (they share the graph and duplicate
# caches in /tmp/spinel-runs/cache; the second then reads them instead of building them again).
# The runs use a copy of the jar (/tmp/spinel-runs/bin-<hash>), so rebuilding the working tree while
# they train cannot pull classes from under them.
# OMP_NUM_THREADS=1: on a shared 2-core machine one PyTorch thread per run was ~5x faster than the
# default two. Wall times of the version-1 runs (12-15 epochs) on 2 shared AMD EPYC cores, two runs at a
# time: formation energy 27 min, band gap 27 min, crystal system 19 min, space group 35 min, volume 14 min.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SPINEL_SHARED:-../shared}
DATA=/tmp/spinel-data
RUNS=/tmp/spinel-runs
export OMP_NUM_THREADS=1

# unpacks the dataset model $1 trains on (mp_36k or matbench_mp_gap), once
unpack() {
  local set=mp_36k
  case $1 in space-group-from-composition|space-group|space-group-approximate) set=matbench_mp_gap ;; esac
  mkdir -p "$DATA"
  [ -d "$DATA/$set" ] || tar xJf "$SHARED/data/$set.tar.xz" -C "$DATA"
  # every structure and its copy with Gaussian noise (σ 0.05 Å) on the atoms, with labels and folds for both
  if [ "$1" = space-group-approximate ]; then MIXED=1 COPY_ONLY=1 bench/symmetry_graph_noisy.sh "$DATA/$set" unused; fi
}

# the training arguments of each model (the card's command is `./spinel train` + these + --cache/--out)
args() {
  local M=$DATA/mp_36k G=$DATA/matbench_mp_gap META=../shared/data/matbench_meta/mp_gap.csv.gz
  local FOLDS=../shared/data/matbench_meta/mp_gap.folds.json.gz
  case $1 in
    # version 2 (docs/benchmarks/models.md): duplicates kept on one side of the split, L1 loss (the goal
    # is an MAE), a 150-epoch cosine schedule and no early stopping (the best epochs of the 12-epoch
    # version-1 runs were the last ones)
    formation-energy) echo "--data $M --labels $M/labels.csv --target e_form_per_atom --dedupe --loss l1 --epochs 150 --schedule cosine --patience 0 --seed 0" ;;
    band-gap)         echo "--data $M --labels $M/labels.csv --target band_gap --dedupe --loss l1 --epochs 150 --schedule cosine --patience 0 --seed 0" ;;
    # version 2 (docs/benchmarks/symmetry-classifiers.md): gradient-boosted trees on all of mp_gap, formulas of the
    # test fold left out of training; 30 rounds of depth-4 trees keep the bundled file near 2 MB
    space-group-from-composition) echo "--data $G --labels $META --target spg_num --task space-group --model gradient-boosting --features composition --folds $FOLDS --fold 0 --param rounds=30 --param eta=0.3 --param max_depth=4 --param threads=1 --seed 0" ;;
    # version 4: gradient-boosted trees on the conventional cell's lattice parameters (version 3, the seed's MLP: 0.438)
    space-group)      echo "--data $G --labels $META --target spg_num --task space-group --model gradient-boosting --features conventional-lattice --folds $FOLDS --fold 0 --param rounds=30 --param eta=0.3 --param max_depth=4 --param threads=1 --seed 0" ;;
    # docs/benchmarks/symmetry-classifiers.md, "Learned crystal-graph classifiers on noisy structures"
    space-group-approximate) local X=$DATA/matbench_mp_gap-mixed-0.05
      echo "--data $X --labels $X/labels.csv.gz --target spg_num --task space-group --model fusion --atom-descriptors steinhardt,acsf --features lattice,composition,symmetry --folds $X/folds.json.gz --fold 0 --limit 30000 --epochs 10 --schedule cosine --patience 0 --seed 0" ;;
    # version 2: all of mp_36k, duplicates on one side, L1 loss, 100 epochs cosine (version 1: a 20,000 subset, 15 epochs)
    volume-per-atom)  echo "--data $M --task volume --dedupe --loss l1 --epochs 100 --schedule cosine --patience 0 --seed 0" ;;
    *) echo "unknown model $1" >&2; exit 2 ;;
  esac
}

# the run folder of each model (version 2 of formation energy and band gap in NAME-v2)
run_dir() {
  case $1 in
    formation-energy|band-gap|volume-per-atom) echo "$RUNS/$1-v2" ;;
    *) echo "$RUNS/$1" ;;
  esac
}

command_of() { echo "OMP_NUM_THREADS=1 ./spinel train $(args "$1") --cache $RUNS/cache --out $(run_dir "$1")"; }

# the jar a run trains with: a copy of cli/target/spinel.jar and its lib/ named by the hash of Spinel's
# own jars, so a rebuild of the working tree while the run trains cannot pull classes from under it
# (a resume takes the copy of the build it is started from; copies are never overwritten)
frozen_jar() {
  local bin
  ./spinel --version >/dev/null
  bin=$RUNS/bin-$(cat cli/target/spinel.jar cli/target/lib/spinel-*.jar | sha256sum | cut -c1-12)
  if [ ! -f "$bin/spinel.jar" ]; then
    rm -rf "$bin.tmp" && mkdir -p "$bin.tmp" && cp -rp cli/target/spinel.jar cli/target/lib "$bin.tmp/"
    mv "$bin.tmp" "$bin"
  fi
  echo "$bin/spinel.jar"
}

train() {
  unpack "$1"
  local dir resume="" jar
  dir=$(run_dir "$1")
  [ -f "$dir/checkpoint.bin" ] && resume=--resume
  jar=$(frozen_jar)
  # the same JVM settings as ./spinel, with 2 GB of heap for grouping the duplicates of 36k structures
  # shellcheck disable=SC2046
  MALLOC_ARENA_MAX=2 java -Xms32m -Xmx2g -XX:+UseSerialGC -XX:MaxDirectMemorySize=256m -jar "$jar" \
    train $(args "$1") --cache "$RUNS/cache" --out "$dir" $resume
}

# epoch reached and best validation score so far (from the log the train lines above append to:
# history.csv is written when a run ends) and whether a process is training it
status() {
  local dir
  dir=$(run_dir "$1")
  echo "$1 ($dir):"
  echo "  last:  $(grep '^epoch ' "$dir.log" 2>/dev/null | tail -n 1)"
  echo "  best:  $(grep '^epoch .* \*' "$dir.log" 2>/dev/null | tail -n 1)"
  # the logged val mae is in standardised units: times the normaliser's std gives target units
  [ -f "$dir/config.json" ] && grep '^epoch .* \*' "$dir.log" 2>/dev/null | tail -n 1 |
    /usr/bin/python3 -c 'import json, re, sys
line = sys.stdin.read()
std = json.load(open(sys.argv[1]))["normalizer"]["std"]
m = re.search(r"val mae ([0-9.]+)", line)
if m: print(f"  best validation MAE in target units: {float(m.group(1)) * std:.4f}")' "$dir/config.json"
  if pgrep -f -- "--out $dir( |$)" >/dev/null; then echo "  training now"; else echo "  not running"; fi
}

MP="CC-BY 4.0 (Materials Project)"
MB="CC-BY 4.0 (Materials Project); Matbench MIT"
MP36="mp_36k (../shared/data/mp_36k.tar.xz): 36,737 Materials Project structures"
GAP="matbench_mp_gap (../shared/data/matbench_mp_gap.tar.xz, Materials Project structures via Matbench v0.1)"

# a value of the run's metrics.json by its dotted key (test.mae, dedupe.groups, ...), 3 significant digits
metric() {
  /usr/bin/python3 -c 'import json, sys
v = json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."): v = v[k]
print(f"{v:,.3g}" if isinstance(v, float) else f"{v:,}" if isinstance(v, int) else v)' "$(run_dir "$1")/metrics.json" "$2"
}

package() {
  local id title units="" data licence desc
  case $1 in
    formation-energy)
      id=spinel/formation-energy-per-atom; units=eV/atom; licence=$MP
      title="Formation energy per atom (Spinel CGCNN, Materials Project)"
      data="$MP36, target e_form_per_atom of labels.csv; seeded random split with duplicates kept together (--dedupe: $(metric "$1" dedupe.groups) groups of matching structures, $(metric "$1" dedupe.grouped_rows) rows, never split across train/validation/test) $(metric "$1" n_train) train / $(metric "$1" n_val) validation / $(metric "$1" n_test) test"
      desc="CGCNN (atom_fea_len 64, 3 convolutions, h_fea_len 128) trained by spinel train with an L1 loss, Adam and a cosine learning rate over $(metric "$1" epochs) epochs (best validation epoch $(metric "$1" best_epoch)) on the 36,737 mp_36k structures. Held-out test MAE $(metric "$1" test.mae) eV/atom, RMSE $(metric "$1" test.rmse), R² $(metric "$1" test.r2) (n = $(metric "$1" test.n); no test structure matches a training structure). The CGCNN paper reports 0.039 eV/atom (28,046 training crystals, 1,000 epochs); its published checkpoint scores lower on these rows than on its own test set because it was trained on a Materials Project snapshot that holds most of them (docs/benchmarks/models.md). Useful for screening; not for phase-stability decisions at the 0.05 eV/atom level." ;;
    band-gap)
      id=spinel/band-gap; units=eV; licence=$MP
      title="PBE band gap (Spinel CGCNN, Materials Project)"
      data="$MP36 (metals included, gap 0), target band_gap of labels.csv; seeded random split with duplicates kept together (--dedupe: $(metric "$1" dedupe.groups) groups of matching structures, $(metric "$1" dedupe.grouped_rows) rows) $(metric "$1" n_train) train / $(metric "$1" n_val) validation / $(metric "$1" n_test) test"
      desc="CGCNN (atom_fea_len 64, 3 convolutions, h_fea_len 128) trained by spinel train with an L1 loss, Adam and a cosine learning rate over $(metric "$1" epochs) epochs (best validation epoch $(metric "$1" best_epoch)) on all 36,737 mp_36k structures, metals (gap 0) included. Held-out test MAE $(metric "$1" test.mae) eV, RMSE $(metric "$1" test.rmse), R² $(metric "$1" test.r2) (n = $(metric "$1" test.n); no test structure matches a training structure); per subset (gapped crystals, metals) in docs/benchmarks/models.md. The CGCNN paper reports 0.388 eV on gapped crystals only (16,458 training crystals). Predictions can be slightly negative or slightly positive for metals; treat values below ~0.3 eV as 'probably metallic'. PBE gaps underestimate experimental ones." ;;
    space-group-from-composition)
      id=spinel/space-group-from-composition; licence=$MB
      title="Space group, Bravais lattice and crystal system from the chemical formula alone (Spinel gradient-boosted trees)"
      data="$GAP: all 106,113 rows, labels spg_num from matbench_meta/mp_gap.csv.gz (spglib); test = the official Matbench fold 0 ($(metric "$1" n_test)); no reduced formula of a test row among the training rows (16,031 rows with a test formula left out); $(metric "$1" n_train) training rows"
      desc="INPUT: a composition only (spinel predict --formula NbO2, or any structure file, of which only the formula is read). Magpie-style composition statistics (119 features) into gradient-boosted trees (XGBoost, 30 rounds of depth-4 trees, eta 0.3). Held-out test (n = $(metric "$1" test.n), formulas unseen): space group accuracy $(metric "$1" test.accuracy), top-5 $(metric "$1" test.top5), weighted F1 $(metric "$1" test.f1_weighted), macro F1 $(metric "$1" test.f1_macro) (always the most common group: 0.07; the five most common: 0.31); its probabilities summed per Bravais lattice: $(metric "$1" test.bravais.accuracy), per crystal system: $(metric "$1" test.crystal_system.accuracy) (goal 0.80: not met; an oracle knowing each formula's most common system among the test rows themselves reaches 0.937); space group right on $(metric "$1" test.space_group_within_crystal_system.accuracy) of the rows whose crystal system is right (Zhao et al. 2021 report 0.71-0.96). Version 1, the CRYSPNet-style two-stage MLP: 0.23 / crystal system 0.40. A formula fixes no structure (polymorphs share it): read the top 5 as candidates. For a known structure use spinel symmetry (exact)." ;;
    space-group)
      id=spinel/space-group; licence=$MB
      title="Space group from the lattice parameters of the standardized conventional cell (Spinel gradient-boosted trees)"
      data="$GAP: all 106,113 rows, labels spg_num from matbench_meta/mp_gap.csv.gz (spglib); test = the official Matbench fold 0 ($(metric "$1" n_test)); $(metric "$1" n_train) training rows"
      desc="INPUT: a crystal structure; the model reads only the lattice of its standardized conventional cell (Spinel's SymmetryAnalyzer at symprec 0.01 Å): a, b, c, angles, volume and their ratios (15 features), no atoms. Gradient-boosted trees (XGBoost, 30 rounds of depth-4 trees, eta 0.3). Held-out test (official fold 0, n = $(metric "$1" test.n)): space group accuracy $(metric "$1" test.accuracy), top-5 $(metric "$1" test.top5), weighted F1 $(metric "$1" test.f1_weighted), macro F1 $(metric "$1" test.f1_macro) (the seed pipeline's MLP: 0.599, 0.557, 0.210 on COD; version 3, that MLP here: 0.438; always the most common group: 0.07, the five most common: 0.31); its probabilities summed per Bravais lattice: $(metric "$1" test.bravais.accuracy), per crystal system: $(metric "$1" test.crystal_system.accuracy). A lattice cannot show centring or atoms: groups of one lattice (194 and 186; 225, 221 and 227) are told apart only by the cell sizes they tend to have. For a structure whose atoms are known exactly, spinel predict already prints the exact space group on every line (and this model's line says whether it agrees): this model is for cells whose lattice is known but not the atoms." ;;
    space-group-approximate)
      id=spinel/space-group-approximate; licence=$MB
      title="Space group of an approximately known structure (noisy, relaxed, generated): Spinel fusion CGCNN on the symmetry ladder"
      data="$GAP, each structure twice: as given and with Gaussian noise (σ = 0.05 Å per Cartesian component) on every atom, the cell kept; labels spg_num of the clean structure (matbench_meta/mp_gap.csv.gz, spglib); a seeded 30,000 of the 212,226 rows, split by the official Matbench fold 0 (a structure and its noisy copy always on the same side): $(metric "$1" n_train) train / $(metric "$1" n_val) validation / $(metric "$1" n_test) test"
      desc="INPUT: a crystal structure known exactly or only approximately. Fusion CGCNN (3 convolutions, 64/128) with per-atom Steinhardt q_l/ŵ_l and symmetry functions in the graph; its global vector adds lattice and composition statistics and the symmetry ladder (Spinel's exact analysis at 11 tolerances, 0.01-0.8 Å: the crystal system, point-group order and group found at each), so that it learns which tolerance to trust. $(metric "$1" epochs) epochs, cosine schedule. Held-out test (n = $(metric "$1" test.n), half noisy, half clean): space group accuracy $(metric "$1" test.accuracy), top-5 $(metric "$1" test.top5), macro F1 $(metric "$1" test.f1_macro), crystal system $(metric "$1" test.crystal_system.accuracy); on the noisy test structures alone 0.959 (crystal system 0.976) against 0.946 for the exact analysis at its best single tolerance (0.6 Å, chosen in hindsight) and 0.06 for spglib at 0.1 Å; on the clean ones 0.974. All 11 example CIFs right. For an exact structure read the symmetry field (exact analysis), not this model; in spinel predict a guess that differs from the exact analysis at 0.01 Å is reported as model_guess (for a noisy structure, whose exact group is P1, that is where its answer is)." ;;
    volume-per-atom)
      id=spinel/volume-per-atom; units="Å³/atom"; licence=$MP
      title="Volume per atom from composition and bonding topology (Spinel CGCNN, Materials Project)"
      data="$MP36, target the structure's own volume per atom; every structure is first rescaled isotropically to 20 Å³/atom (spinel train --task volume), so the model cannot read the answer from its input; seeded random split with duplicates kept together (--dedupe: $(metric "$1" dedupe.groups) groups of matching structures, $(metric "$1" dedupe.grouped_rows) rows) $(metric "$1" n_train) train / $(metric "$1" n_val) validation / $(metric "$1" n_test) test"
      desc="CGCNN (atom_fea_len 64, 3 convolutions, h_fea_len 128) predicting the DFT (PBE) volume per atom of a crystal from its composition and bonding topology: every input is rescaled to 20 Å³/atom first (at training and at prediction), so the given cell size is ignored and the model answers 'how large should this crystal be'. Trained by spinel train with an L1 loss, Adam and a cosine learning rate over $(metric "$1" epochs) epochs (best validation epoch $(metric "$1" best_epoch)) on the 36,737 mp_36k structures. Held-out test MAE $(metric "$1" test.mae) Å³/atom, RMSE $(metric "$1" test.rmse), R² $(metric "$1" test.r2) (n = $(metric "$1" test.n); no test structure matches a training structure; version 1, 15 epochs on 20,000: 0.46). PBE overestimates volumes by a few per cent against experiment." ;;
    *) echo "unknown model $1" >&2; exit 2 ;;
  esac
  local version=1
  case $1 in formation-energy|band-gap|volume-per-atom|space-group-from-composition) version=2 ;; space-group) version=4 ;; esac
  ./spinel zoo package "$(run_dir "$1")" --id "$id" --model-version "$version" --title "$title" ${units:+--units "$units"} \
    --data "$data" --data-licence "$licence" --licence MIT --command "$(command_of "$1")" --description "$desc"
}

what=${1:?usage: $0 train|package [NAME...]}
shift
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(formation-energy band-gap volume-per-atom space-group-from-composition space-group space-group-approximate)
for n in "${names[@]}"; do "$what" "$n"; done
