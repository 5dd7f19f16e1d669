#!/usr/bin/env bash
# Scale benchmarks (issue 15; results in docs/benchmarks/scale.md). Inputs are built by repeating the
# Materials Project CIFs of ../shared/data/mp_36k.tar.xz into JSON Lines under $SCALE_DIR (default
# /tmp/scale), never in the repository. Every measurement prints one JSON line: wall and CPU seconds
# (user + system, from /usr/bin/time), peak RSS, structures per second, and the load average.
#
#   bench/scale.sh data N...            build $SCALE_DIR/mp-N.jsonl.gz (spinel predict) and mp-N.jsonl (Spark)
#   bench/scale.sh predict N [LIMIT_S]  spinel predict --output over mp-N.jsonl.gz; with LIMIT_S, stop it after
#                                       that many seconds (a measured part; resume it with `predict N resume`)
#   bench/scale.sh spark N CORES        spinel.spark.PredictJob in local[CORES] over mp-N.jsonl (JSON output)
#   bench/scale.sh compare N            the Spark output of local[2] equals spinel predict's lines, row for row
#   bench/scale.sh kill N S...          after `predict N`: for each S, SIGKILL a fresh run after S seconds, resume it
#                                       (again and again if S is followed by more), and compare with the whole run
#
# Benchmarks run at normal priority (other jobs on the machine run at nice 19); run each twice,
# interleaved (predict, spark 1, spark 2, ...), and report the spread and `uptime`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
work="${SCALE_DIR:-/tmp/scale}"
model="${SCALE_MODEL:-spinel/formation-energy-per-atom}"
shared="${SPINEL_SHARED:-$root/../shared}"
mkdir -p "$work"

cifs() {
  if [ ! -d "$work/data/mp_36k" ]; then
    mkdir -p "$work/data"
    tar xJf "$shared/data/mp_36k.tar.xz" -C "$work/data"
  fi
  echo "$work/data/mp_36k"
}

# measure LABEL N COMMAND...: runs COMMAND under /usr/bin/time and prints the JSON line
measure() {
  local label="$1" n="$2"; shift 2
  local load; load="$(cut -d' ' -f1-3 /proc/loadavg)"
  local status=0
  /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@" || status=$?
  read -r wall user sys rss < <(tail -1 "$work/time.txt")
  python3 - "$label" "$n" "$wall" "$user" "$sys" "$rss" "$load" "$status" <<'PY'
import json, sys
label, n, wall, user, sys_, rss, load, status = sys.argv[1:]
cpu = float(user) + float(sys_)
print(json.dumps({"run": label, "inputs": int(n), "wall_s": float(wall), "cpu_s": round(cpu, 1),
                  "per_s_wall": round(int(n) / float(wall), 1), "per_cpu_s": round(int(n) / cpu, 1),
                  "peak_rss_mb": round(int(rss) / 1024), "load_before": load, "exit": int(status)}))
PY
}

spark_cp() {
  if [ ! -f "$work/spark.cp" ] || [ "$root/spark/pom.xml" -nt "$work/spark.cp" ]; then
    (cd "$root" && ./mvnw -q -B -Dspotless.check.skip=true -Dmaven.test.skip=true -pl spark -am compile \
      dependency:build-classpath -Dmdep.outputFile="$work/spark.cp" -Dmdep.includeScope=test)
  fi
  echo "$root/spark/target/classes:$(cat "$work/spark.cp")"
}

case "${1:-}" in
  data)
    shift
    dir="$(cifs)"
    for n in "$@"; do
      [ -f "$work/mp-$n.jsonl.gz" ] || python3 "$root/bench/scale_data.py" "$dir" "$n" "$work/mp-$n.jsonl.gz"
      [ "$n" -gt 100000 ] || [ -f "$work/mp-$n.jsonl" ] || python3 "$root/bench/scale_data.py" "$dir" "$n" "$work/mp-$n.jsonl"
      ls -la "$work/mp-$n".jsonl*
    done
    ;;
  predict)
    n="$2"; limit="${3:-}"
    out="$work/predict-$n.jsonl"
    "$root/spinel" --version >/dev/null # build the jar outside the measurement
    if [ "$limit" = resume ]; then
      measure "predict-resume" "$n" "$root/spinel" predict --model "$model" --no-progress --offline \
        --output "$out" --resume "$work/mp-$n.jsonl.gz" 2>"$work/predict-$n.err"
    elif [ -n "$limit" ]; then
      rm -f "$out"
      measure "predict-part-${limit}s" "$n" timeout -s INT "$limit" "$root/spinel" predict --model "$model" \
        --no-progress --offline --output "$out" "$work/mp-$n.jsonl.gz" 2>"$work/predict-$n.err" | \
        python3 -c "import json,sys; r=json.loads(sys.stdin.read()); r['inputs']=sum(1 for _ in open('$out')); r['per_s_wall']=round(r['inputs']/r['wall_s'],1); r['per_cpu_s']=round(r['inputs']/r['cpu_s'],1); print(json.dumps(r))"
    else
      rm -f "$out"
      measure "predict" "$n" "$root/spinel" predict --model "$model" --no-progress --offline --output "$out" \
        "$work/mp-$n.jsonl.gz" 2>"$work/predict-$n.err"
    fi
    echo "lines: $(wc -l < "$out")" >&2
    ;;
  kill)
    n="$2"; shift 2
    whole="$work/predict-$n.jsonl"; out="$work/killed-$n.jsonl"
    [ -f "$whole" ] || { echo "run 'bench/scale.sh predict $n' first" >&2; exit 2; }
    rm -f "$out"
    "$root/spinel" --version >/dev/null # build the jar before the clock starts
    for s in "$@"; do
      timeout -s KILL "$s" "$root/spinel" predict --model "$model" --no-progress --offline --output "$out" --resume \
        "$work/mp-$n.jsonl.gz" 2>>"$work/killed-$n.err" || true
      echo "killed after ${s}s: $(wc -l < "$out") whole lines, $(tail -c 1 "$out" | od -An -c | tr -d ' ') last byte" >&2
    done
    "$root/spinel" predict --model "$model" --no-progress --offline --output "$out" --resume "$work/mp-$n.jsonl.gz" \
      2>>"$work/killed-$n.err"
    if cmp -s "$whole" "$out"; then same=true; else same=false; fi
    echo "{\"run\": \"kill-resume\", \"inputs\": $n, \"kills_after_s\": \"$*\", \"lines\": $(wc -l < "$out"), \"byte_identical\": $same}"
    ;;
  spark)
    n="$2"; cores="$3"
    cp="$(spark_cp)"
    out="$work/spark-$n-local$cores.json"
    opens=(java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent
      java.util.concurrent.atomic sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar)
    flags=(); for o in "${opens[@]}"; do flags+=("--add-opens=java.base/$o=ALL-UNNAMED"); done
    # SCALE_JAVA_OPTS: extra JVM options of the Spark driver/executor (e.g. the GC; see docs/scale.md)
    # shellcheck disable=SC2086
    measure "spark-local[$cores]${SCALE_JAVA_OPTS:+ $SCALE_JAVA_OPTS}" "$n" java -Xmx2g ${SCALE_JAVA_OPTS:-} "${flags[@]}" -Dspark.master="local[$cores]" -Dspark.ui.enabled=false \
      -Dspark.sql.files.maxPartitionBytes=1m -Dspark.sql.warehouse.dir="$work/warehouse" -Dai.djl.offline=true -cp "$cp" \
      spinel.spark.PredictJob --model "$model" --offline --input "$work/mp-$n.jsonl" --output "$out" \
      2>"$work/spark-$n-local$cores.err"
    ;;
  compare)
    n="$2"
    python3 - "$work/predict-$n.jsonl" "$work/spark-$n-local2.json" <<'PY'
import glob, json, struct, sys
f32 = lambda v: None if v is None else struct.unpack("f", struct.pack("f", v))[0]
cli = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    cli[r["id"]] = (r["ok"], f32(r.get("prediction")), (r.get("symmetry") or {}).get("number"))
spark = {}
for part in glob.glob(sys.argv[2] + "/part-*.json"):
    for line in open(part):
        r = json.loads(line)
        spark[r["id"]] = (r["ok"], f32(r.get("prediction")), r.get("spacegroup"))
same = sum(1 for k, v in cli.items() if spark.get(k) == v)
close = 0
worst = 0.0
for k, v in cli.items():
    w = spark.get(k)
    if w is None or w[0] != v[0] or w[2] != v[2]:
        continue
    if v[1] is not None and w[1] is not None:
        d = abs(v[1] - w[1])
        worst = max(worst, d)
        close += d <= 1e-6 * max(1, abs(v[1]))
    elif v[1] == w[1]:
        close += 1
diff = [(k, v, spark.get(k)) for k, v in cli.items() if spark.get(k) != v][:3]
print(json.dumps({"cli_rows": len(cli), "spark_rows": len(spark), "identical_float32": same,
                  "within_1e-6": close, "max_abs_diff": worst, "first_differences": diff}))
PY
    ;;
  *)
    sed -n '2,16p' "$0"; exit 2 ;;
esac
