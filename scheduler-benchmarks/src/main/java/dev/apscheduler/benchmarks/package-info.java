/**
 * The benchmark program ({@link dev.apscheduler.benchmarks.BenchmarkMain}): runs one workload against one system
 * and prints one JSON line of figures.
 */
@NullMarked
package dev.apscheduler.benchmarks;

import org.jspecify.annotations.NullMarked;
