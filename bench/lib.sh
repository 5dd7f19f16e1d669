# Steps shared by the bench scripts (POSIX sh; source it from the repository root: `. bench/lib.sh`).

# graph_test_classpath: compiles the graph module's tests (offline) and prints the class path of its test
# classes, its classes and every dependency (test scope); Maven's output goes to stderr. Run it from the
# repository root, as `cp=$(graph_test_classpath)`: it fails when the build does.
graph_test_classpath() {
  ./mvnw -q -B -o -pl graph test-compile >&2 \
    && ./mvnw -q -B -o -pl graph dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$PWD/graph/target/bench.classpath" >&2 \
    && echo "$PWD/graph/target/test-classes:$PWD/graph/target/classes:$(cat "$PWD/graph/target/bench.classpath")"
}

# unpack_cgcnn_folders DATA WORK NAME...: unpacks the CGCNN folder archive DATA/NAME.tar.xz into WORK for
# every NAME whose WORK/NAME/id_prop.csv is not there yet.
unpack_cgcnn_folders() {
  local data="$1" into="$2" name
  shift 2
  for name in "$@"; do
    if [ ! -f "$into/$name/id_prop.csv" ]; then
      echo "unpacking $name.tar.xz into $into ..." >&2
      tar -xJf "$data/$name.tar.xz" -C "$into" || return 1
    fi
  done
}
