#!/usr/bin/env bash
# Runs the benchmark matrix (every system against every workload, several repetitions, each run in a fresh JVM)
# and writes the medians as Markdown tables to scheduler-benchmarks/RESULTS.md and, for a full run, into the
# Performance section of README.md.
#
#   scheduler-benchmarks/run-benchmarks.sh            # 3 repetitions, builds the jar first
#   REPS=5 scheduler-benchmarks/run-benchmarks.sh     # more repetitions
#   ONLY=memory scheduler-benchmarks/run-benchmarks.sh   # only the in-memory systems (no PostgreSQL needed)
#   SKIP_BUILD=1 scheduler-benchmarks/run-benchmarks.sh  # reuse target/benchmarks.jar
#   SMOKE=1 REPS=1 scheduler-benchmarks/run-benchmarks.sh  # a quick check of the script with small workloads
#   SCHEMA_PREFIX=mine_ scheduler-benchmarks/run-benchmarks.sh  # schema names other than apsbench_*
#
# The PostgreSQL systems use the server of the project's tests (127.0.0.1:5432, user postgres, database test); set
# POSTGRES_URL, POSTGRES_USER and POSTGRES_PASSWORD for another. Each system works in a schema of its own, created
# and dropped per run. Figures taken while other work loads the machine are not comparable with quiet-machine ones:
# the report states the load average around the runs.
set -euo pipefail

cd "$(dirname "$0")/.."
REPS="${REPS:-3}"
ONLY="${ONLY:-all}"
JAR=scheduler-benchmarks/target/benchmarks.jar
OUT_DIR=scheduler-benchmarks/target/results
REPORT="${REPORT:-scheduler-benchmarks/RESULTS.md}"
MAIN=dev.apscheduler.benchmarks.BenchmarkMain
JAVA="${JAVA:-java}"
JVM_OPTS="${JVM_OPTS:--Xms2g -Xmx2g}"
# The large store runs with the heap its README section states suffices.
MILLION_JVM_OPTS="${MILLION_JVM_OPTS:--Xmx512m}"

if [ -z "${SKIP_BUILD:-}" ]; then
    mvn -q -pl scheduler-benchmarks -am package -DskipTests -Pbenchmarks
fi

DB_ARGS=()
[ -n "${POSTGRES_URL:-}" ] && DB_ARGS+=(--postgres-url "$POSTGRES_URL")
[ -n "${POSTGRES_USER:-}" ] && DB_ARGS+=(--postgres-user "$POSTGRES_USER")
[ -n "${POSTGRES_PASSWORD:-}" ] && DB_ARGS+=(--postgres-password "$POSTGRES_PASSWORD")
SYSTEM_PROPERTIES=()
[ -n "${SCHEMA_PREFIX:-}" ] && SYSTEM_PROPERTIES+=("-Dbenchmarks.schema-prefix=$SCHEMA_PREFIX")

BURST_SMALL=10000; BURST_LARGE=100000; PERIODIC_JOBS=1000; PERIODIC_SECONDS=10; SLEEPY_JOBS=1000
BULK_JOBS=20000; BULK_ONE_BY_ONE=2000; WAKEUP_CHANGES=1000; WAKEUP_POLLING_CHANGES=100
MILLION_JOBS=1000000; MILLION_PERIODIC=1000; MILLION_SECONDS=5
if [ -n "${SMOKE:-}" ]; then
    BURST_SMALL=1000; BURST_LARGE=5000; PERIODIC_JOBS=100; PERIODIC_SECONDS=2; SLEEPY_JOBS=100
    BULK_JOBS=2000; BULK_ONE_BY_ONE=200; WAKEUP_CHANGES=50; WAKEUP_POLLING_CHANGES=10
    MILLION_JOBS=20000; MILLION_PERIODIC=100; MILLION_SECONDS=2
    REPORT="${REPORT_SMOKE:-scheduler-benchmarks/target/RESULTS-smoke.md}"
fi

# The workloads. Every measured run follows warm-up runs in the same JVM (each on a fresh scheduler), so that the
# figures are those of a warmed-up application (in-memory bursts are also run without, "cold JVM", as the first
# burst after an application starts): ten full runs for in-memory bursts (the JIT compiler's work on a scheduler's
# longer run path goes on for six to eight of them; fewer would compare one system's compiled code with another's
# partly interpreted one), one small one for database
# bursts (bound by the database, and a full one would double the matrix's time), one 3-second run before periodic
# workloads.
# A warmed-up in-memory burst lasts milliseconds, and one burst's drain depends on where the threads happened to be:
# each JVM measures 21 bursts of 10,000 and 7 of 100,000 after its warm-up runs and reports their medians
# (BenchmarkMain's --measured).
# Leads leave time to load the jobs before they are due (a system loads while held back, and the report flags a
# load that overran).
MEMORY_SYSTEMS="apscheduler-memory apscheduler-memory-lookahead quartz-ram spring-tpts"
DATABASE_SYSTEMS="apscheduler-jpa-h2 apscheduler-jpa-postgres apscheduler-redis apscheduler-mongodb apscheduler-zookeeper db-scheduler-postgres quartz-jdbc-postgres"
memory_matrix() {
    echo "--workload burst --jobs $BURST_SMALL --lead-ms 1000 --warmups 10 --measured 21"
    echo "--workload burst --jobs $BURST_LARGE --lead-ms 2000 --warmups 10 --measured 7"
    echo "--workload burst --jobs $BURST_SMALL --lead-ms 1000 --warmups 0"
    echo "--workload burst --jobs $BURST_LARGE --lead-ms 2000 --warmups 0"
    echo "--workload periodic --fire-times spread --jobs $PERIODIC_JOBS --period-ms 1000 \
--duration-s $PERIODIC_SECONDS --lead-ms 2000 --warmups 1 --warmup-duration-s 3"
    echo "--workload periodic --fire-times aligned --jobs $PERIODIC_JOBS --period-ms 1000 \
--duration-s $PERIODIC_SECONDS --lead-ms 2000 --warmups 1 --warmup-duration-s 3"
    echo "--workload sleepy --jobs $SLEEPY_JOBS --sleep-ms 10 --lead-ms 1000 --warmups 1"
}
database_matrix() {
    local lead="$1"
    echo "--workload burst --jobs $BURST_SMALL --lead-ms $lead --warmups 1 --warmup-jobs 1000"
    echo "--workload periodic --fire-times spread --jobs $PERIODIC_JOBS --period-ms 1000 \
--duration-s $PERIODIC_SECONDS --lead-ms 5000 --warmups 1 --warmup-duration-s 3"
    echo "--workload periodic --fire-times aligned --jobs $PERIODIC_JOBS --period-ms 1000 \
--duration-s $PERIODIC_SECONDS --lead-ms 5000 --warmups 1 --warmup-duration-s 3"
    echo "--workload sleepy --jobs $SLEEPY_JOBS --sleep-ms 10 --lead-ms 5000 --warmups 1 --warmup-jobs 100"
}
# The store workloads (BenchmarkMain's bulk-add, wakeup and million), each line a system and its arguments: bulk add in
# batches of 500 (the JPA store's default batch size) and one by one, with the peers that have a batch call on the same
# PostgreSQL; cross-instance wake-up, ours by notification (1,000 changes) and the polling peers (100 changes, each
# taking up to their 1-second polling interval); the large store, ours and db-scheduler (Quartz's tables have no
# loader), with 5-second periodic phases.
store_matrix() {
    local system
    for system in apscheduler-jpa-postgres quartz-jdbc-postgres db-scheduler-postgres; do
        echo "$system --workload bulk-add --jobs $BULK_JOBS --batch-size 500 --warmup-jobs $((BULK_JOBS / 10))"
        echo "$system --workload bulk-add --jobs $BULK_ONE_BY_ONE --batch-size 1 --warmup-jobs $((BULK_ONE_BY_ONE / 10))"
    done
    for system in apscheduler-jpa-postgres apscheduler-redis apscheduler-zookeeper; do
        echo "$system --workload wakeup --changes $WAKEUP_CHANGES"
    done
    for system in quartz-jdbc-postgres db-scheduler-postgres; do
        echo "$system --workload wakeup --changes $WAKEUP_POLLING_CHANGES"
    done
    for system in apscheduler-jpa-postgres db-scheduler-postgres; do
        echo "$system --workload million --jobs $MILLION_JOBS --periodic $MILLION_PERIODIC \
--duration-s $MILLION_SECONDS --lead-ms 10000"
    done
}
database_lead() {
    case "$1" in
        # Quartz stores about 500 jobs/s and our JPA store about 1,000 (one by one); db-scheduler inserts in batches.
        # ZooKeeper writes each add to its log before answering (about 500 jobs/s on this machine).
        quartz-jdbc-postgres|apscheduler-zookeeper) echo $((2000 + BURST_SMALL * 3)) ;;
        apscheduler-jpa-*|apscheduler-redis) echo $((2000 + BURST_SMALL * 3 / 2)) ;;
        *) echo $((2000 + BURST_SMALL / 2)) ;;
    esac
}

mkdir -p "$OUT_DIR"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="$OUT_DIR/results-$STAMP.jsonl"
UPTIME_BEFORE="$(uptime)"
echo "Writing runs to $RESULTS ($REPS repetitions); load before: $UPTIME_BEFORE" >&2

run() {
    local system="$1"; shift
    local jvm_opts="$JVM_OPTS"
    [ "${2:-}" = million ] && jvm_opts="$MILLION_JVM_OPTS"
    echo "  $system $*" >&2
    # shellcheck disable=SC2086
    if ! "$JAVA" $jvm_opts "${SYSTEM_PROPERTIES[@]}" -cp "$JAR" "$MAIN" --system "$system" "$@" "${DB_ARGS[@]}" \
            >>"$RESULTS" 2>>"$OUT_DIR/stderr-$STAMP.log"; then
        echo "  FAILED: $system $* (see $OUT_DIR/stderr-$STAMP.log)" >&2
    fi
}

for rep in $(seq 1 "$REPS"); do
    echo "repetition $rep/$REPS" >&2
    if [ "$ONLY" = all ] || [ "$ONLY" = memory ]; then
        while read -r workload; do
            for system in $MEMORY_SYSTEMS; do
                # shellcheck disable=SC2086
                run "$system" $workload
            done
        done < <(memory_matrix)
    fi
    if [ "$ONLY" = all ] || [ "$ONLY" = database ]; then
        for system in $DATABASE_SYSTEMS; do
            while read -r workload; do
                # shellcheck disable=SC2086
                run "$system" $workload
            done < <(database_matrix "$(database_lead "$system")")
        done
        while read -r store_run; do
            # shellcheck disable=SC2086
            run $store_run
        done < <(store_matrix)
    fi
done

UPTIME_AFTER="$(uptime)"
REPETITIONS="$REPS repetitions"; [ "$REPS" = 1 ] && REPETITIONS="1 repetition"
HEADER="Produced by \`scheduler-benchmarks/run-benchmarks.sh\` ($REPETITIONS, each run in a fresh JVM with
\`$JVM_OPTS\` (the large store \`$MILLION_JVM_OPTS\`), 10 workers for every system). \`uptime\` before: \`${UPTIME_BEFORE# }\`; after: \`${UPTIME_AFTER# }\`."
README_ARGS=()
# Only a full run replaces the figures in the README's Performance section, and the raw runs kept beside them.
if [ -z "${SMOKE:-}" ] && [ "$ONLY" = all ]; then
    README_ARGS=(README.md)
    mkdir -p scheduler-benchmarks/results
    cp "$RESULTS" scheduler-benchmarks/results/latest.jsonl
fi
"$JAVA" -cp "$JAR" dev.apscheduler.benchmarks.ResultsTable "$RESULTS" "$REPORT" "$HEADER" "${README_ARGS[@]}"
echo "Wrote $REPORT ${README_ARGS[*]}" >&2
