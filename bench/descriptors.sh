#!/bin/sh
# Descriptors benchmarks and the local-structure classification demo (see docs/benchmarks/descriptors.md).
#   bench/descriptors.sh            speed (10^5-atom Steinhardt, ACSF) + pymatgen reference + demo
# Builds with the reactor (no install), runs on one PyTorch/OpenMP thread.
set -e
cd "$(dirname "$0")/.."
./mvnw -q -B -o -pl descriptors,train -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/descriptors.cp -Dmdep.includeScope=test >/dev/null
mkdir -p target
CP="descriptors/target/test-classes:descriptors/target/classes:train/target/classes:$(cat descriptors/target/descriptors.cp):$(cat train/target/descriptors.cp)"
JAVA="java -Xmx6g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn"
echo "== speed (one thread)"
OMP_NUM_THREADS=1 $JAVA -XX:ActiveProcessorCount=1 -cp "$CP" spinel.descriptors.bench.DescriptorsBench 29 target/steinhardt_dump.json
echo "== pymatgen reference (LocalStructOrderParams q2, q4, q6)"
/usr/bin/python3 bench/steinhardt_pymatgen.py target/steinhardt_dump.json 2000
echo "== Boattini et al. classification demo"
for sigma in ${SIGMAS:-0.04 0.08}; do
  OMP_NUM_THREADS=1 $JAVA -cp "$CP" spinel.train.LocalStructureDemo "$sigma" 500 "target/latent_sigma$sigma.png" 2>&1 | grep -v CudaUtils
done
