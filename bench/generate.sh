#!/usr/bin/env bash
# Generative structure search benchmark (docs/benchmarks/generate.md).
#   bench/generate.sh RUN [M] [K]
# RUN: a run folder of `spinel generate train` (split.json, generator.bin); M held-out test formulas
# (default 30), K candidates per formula and method (default 20). Needs /usr/bin/python3 with pymatgen.
# Environment: SKIP (test formulas passed over first: 0 for the reported slice, 100 for the development
# slice settings were chosen on), SYMPREC (symmetrization tolerance, Å; 0: off), RELAX (true|false: the
# push-apart), LANGEVIN_STEPS and LANGEVIN_STEP_SIZE (the GAN's critic-guided sampling; 0: off).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run="$1"; m="${2:-30}"; k="${3:-20}"
data="${SPINEL_DATA:-/tmp/generate/data}"   # unpacked mp_36k/ and matbench_mp_gap/ of ../shared/data
out="${OUT:-/tmp/generate/bench}"
mkdir -p "$out"
"$root/spinel" --version >/dev/null   # builds the jar when stale
cp="$root/cli/target/spinel.jar:$root/cli/target/lib/*"

if [ "${SKIP_CSP:-}" != 1 ]; then
# 1. match rate on held-out formulas: GAN vs random search, same validity/dedup/ranking, one run
/usr/bin/time -v nice -n 10 java -cp "$cp" spinel.generate.GenerateBenchmark \
  "$run/split.json" "$data" "$run/generator.bin" "$m" "$k" "$out/csp" "${SKIP:-0}" "${SYMPREC:-0.1}" \
  "${RELAX:-true}" "${LANGEVIN_STEPS:-0}" "${LANGEVIN_STEP_SIZE:-0.01}" 2> "$out/csp.log"
/usr/bin/python3 "$root/scripts/generate_match.py" bench "$out/csp" > "$out/csp.json"
cat "$out/csp.json"
fi

# 2. Nb-O case study: no Nb-O crystal in training; the held-out ones are the targets
for method in gan random; do
  for formula in NbO NbO2 Nb2O5; do
    dir="$out/nbo/$method/$formula"
    mkdir -p "$dir"
    nice -n 10 "$root/spinel" generate --formula "$formula" --n 100 --out "$dir" --method "$method" \
      --gan "$run/generator.bin" --langevin-steps "$([ "$method" = gan ] && echo "${LANGEVIN_STEPS:-0}" || echo 0)" \
      --langevin-step-size "${LANGEVIN_STEP_SIZE:-0.01}" > "$dir.jsonl" 2> "$dir.log"
    tail -1 "$dir.log"
    for id in $(/usr/bin/python3 -c "import json,sys; print(' '.join(json.load(open('$run/split.json'))['held_out_system']))"); do
      f="$data/$id.cif"
      red=$(/usr/bin/python3 -c "from pymatgen.core import Structure; print(Structure.from_file('$f').composition.reduced_formula)" 2>/dev/null)
      [ "$red" = "$formula" ] || continue
      /usr/bin/python3 "$root/scripts/generate_match.py" files "$f" "$dir" < "$dir.jsonl"
    done
  done
done | tee "$out/nbo.jsonl"
