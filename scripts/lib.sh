# shellcheck shell=bash
# Shared by the launchers: where things are, building the jar on first use, the JVM flags.
# Sourced, not run.

LOSSGRID_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOSSGRID_JAR="$LOSSGRID_ROOT/sweep-spark/target/lossgrid.jar"
# Spark and all it needs without lossgrid and the DL4J stack (written by sweep-spark's build): the part
# of a Spark distribution's jars/ folder.
LOSSGRID_SPARK_CP="$LOSSGRID_ROOT/sweep-spark/target/spark-classpath.txt"
LOSSGRID_FLAGS_FILE="$LOSSGRID_ROOT/sweep-spark/target/classes/io/lossgrid/jvm-flags.txt"
# lossgrid's logging configuration (Spark and DL4J at WARN, on stderr), for every JVM a launcher starts as a
# driver; the same file is in the jar.
# shellcheck disable=SC2034  # read by the launchers that source this file
LOSSGRID_LOG4J="$LOSSGRID_ROOT/sweep-spark/src/main/resources/log4j2.properties"
# The state directory of the standalone cluster scripts/cluster runs on this machine.
LOSSGRID_CLUSTER_STATE="${LOSSGRID_CLUSTER_DIR:-$LOSSGRID_ROOT/.cluster}"

# Builds the shaded jar when it is missing or older than any source or pom.
# LOSSGRID_NO_BUILD=1 never builds (for callers inside a Maven build, such as the integration tests):
# it only checks that the build's outputs exist.
lossgrid_build_if_needed() {
  local stale=""
  if [ -n "${LOSSGRID_NO_BUILD:-}" ]; then
    local f
    for f in "$LOSSGRID_JAR" "$LOSSGRID_SPARK_CP" "$LOSSGRID_FLAGS_FILE"; do
      if [ ! -f "$f" ]; then
        echo "[lossgrid] $f is missing and LOSSGRID_NO_BUILD is set; run 'mvn -DskipTests package' in $LOSSGRID_ROOT" >&2
        exit 1
      fi
    done
    return 0
  fi
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

# The JIT compilers of a lossgrid JVM (driver or executor) that runs the verb given as $1.
# LOSSGRID_JIT=auto (the default): the JVM's tiered default (C1, then C2 for hot code) for 'analyze' and
# 'report', C1 only (-XX:TieredStopAtLevel=1) for every other verb. LOSSGRID_JIT=c1 or tiered: that, for
# every verb. Measured on 2 cores (docs/benchmarks.md, scripts/bench jit): a sweep's C2 compiles of Spark,
# Parquet and ND4J's Java side cost more CPU than C2's faster code saved (128 trials 1.49x, 10,000 trials
# 1.39x faster with C1 only), and so do a 'sql' query's or a table verb's (one query of the 630-trial study:
# about half the CPU with C1 only); 'analyze' and 'report' run Spark SQL's generated code over every epoch
# row many times, which needs C2 (a report of 10,000 trials: 72 s with C1 only, 24 s tiered). For a 'sql'
# query over millions of epoch rows, LOSSGRID_JIT=tiered.
lossgrid_jit_flags() {
  local verb="${1:-}"
  case "${LOSSGRID_JIT:-auto}" in
    auto) case "$verb" in analyze|report) ;; *) echo "-XX:TieredStopAtLevel=1" ;; esac ;;
    c1) echo "-XX:TieredStopAtLevel=1" ;;
    tiered) ;;
    *) echo "[lossgrid] LOSSGRID_JIT must be auto, c1 or tiered, found '${LOSSGRID_JIT}'" >&2; exit 1 ;;
  esac
}

# The classpath of a local run: Spark's jars, then the shaded jar (Spark's own versions of the jars it
# shares with DL4J win, as they do on a cluster, where Spark's jars are the system classpath).
lossgrid_classpath() {
  echo "$(cat "$LOSSGRID_SPARK_CP"):$LOSSGRID_JAR"
}

# Spark and everything it needs, without lossgrid: what the standalone daemons, their executors and
# spark-submit run from.
lossgrid_spark_classpath() {
  cat "$LOSSGRID_SPARK_CP"
}

# The java to run: $JAVA_HOME/bin/java if JAVA_HOME is set, else java from PATH.
lossgrid_java() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    echo "$JAVA_HOME/bin/java"
  else
    command -v java || { echo "[lossgrid] no java on PATH (and no JAVA_HOME)" >&2; exit 1; }
  fi
}

# Prints the last N (default 40) lines of a log file to stderr, framed, if it exists.
lossgrid_log_tail() {
  local file="$1" n="${2:-40}"
  if [ -s "$file" ]; then
    echo "---- last $n lines of $file ----" >&2
    tail -n "$n" "$file" >&2
    echo "---- end of $file ----" >&2
  else
    echo "[lossgrid] (no log at $file)" >&2
  fi
}

# A Spark "distribution" for Spark's own launcher (org.apache.spark.launcher.Main, what bin/spark-submit
# runs) and for the standalone workers' executor launcher: an empty SPARK_HOME/jars (the jars come from
# SPARK_DIST_CLASSPATH, the Maven-resolved Spark), the Scala version, and the JVM that runs it.
# $1: the SPARK_HOME to use (an empty jars/ folder is made in it).
lossgrid_spark_env() {
  local home="$1"
  mkdir -p "$home/jars"
  export SPARK_HOME="$home"
  export SPARK_SCALA_VERSION=2.12
  SPARK_DIST_CLASSPATH="$(lossgrid_spark_classpath)"
  export SPARK_DIST_CLASSPATH
  local java
  java="$(lossgrid_java)"
  JAVA_HOME="$(cd "$(dirname "$(readlink -f "$java")")/.." && pwd)"
  export JAVA_HOME
}

# The test cluster's Spark configuration (spark.authenticate and its secret, written by scripts/cluster up,
# mode 600) is the configuration of every launch while that cluster is up, unless SPARK_CONF_DIR says
# otherwise: spark-submit reads SPARK_CONF_DIR/spark-defaults.conf, and so does the CLI when it runs
# without spark-submit.
if [ -z "${SPARK_CONF_DIR:-}" ] && [ -f "$LOSSGRID_CLUSTER_STATE/conf/spark-defaults.conf" ]; then
  export SPARK_CONF_DIR="$LOSSGRID_CLUSTER_STATE/conf"
fi

export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# One ND4J/OpenBLAS thread per task slot, so that tasks do not fight over cores.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
