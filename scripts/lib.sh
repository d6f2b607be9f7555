# Shared by the launchers: where things are, building the jar on first use, the JVM flags.
# Sourced, not run.

LOSSGRID_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOSSGRID_JAR="$LOSSGRID_ROOT/sweep-spark/target/lossgrid.jar"
LOSSGRID_SPARK_CP="$LOSSGRID_ROOT/sweep-spark/target/spark-classpath.txt"
LOSSGRID_FLAGS_FILE="$LOSSGRID_ROOT/sweep-spark/target/classes/io/lossgrid/jvm-flags.txt"

# Builds the shaded jar when it is missing or older than any source or pom.
lossgrid_build_if_needed() {
  local stale=""
  if [ ! -f "$LOSSGRID_JAR" ] || [ ! -f "$LOSSGRID_SPARK_CP" ] || [ ! -f "$LOSSGRID_FLAGS_FILE" ]; then
    stale="missing"
  elif [ -n "$(find "$LOSSGRID_ROOT/pom.xml" "$LOSSGRID_ROOT"/sweep-*/pom.xml "$LOSSGRID_ROOT"/sweep-*/src/main \
        -newer "$LOSSGRID_JAR" -type f -print -quit 2>/dev/null)" ]; then
    stale="older than its sources"
  fi
  if [ -n "$stale" ]; then
    echo "[lossgrid] building the jar ($stale): mvn -q -DskipTests package" >&2
    (cd "$LOSSGRID_ROOT" && mvn -B -q -Dstyle.color=never -DskipTests package >&2) || {
      echo "[lossgrid] the build failed; run 'mvn -DskipTests package' in $LOSSGRID_ROOT to see why" >&2
      exit 1
    }
  fi
}

# The JVM flags Spark needs on Java 17 (declared once, in the parent pom as spark.jvm.flags).
lossgrid_jvm_flags() {
  cat "$LOSSGRID_FLAGS_FILE"
}

# The classpath of a local run: the shaded jar, then the Maven-resolved Spark jars.
lossgrid_classpath() {
  echo "$LOSSGRID_JAR:$(cat "$LOSSGRID_SPARK_CP")"
}

export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# One ND4J/OpenBLAS thread per task slot, so that tasks do not fight over cores.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
