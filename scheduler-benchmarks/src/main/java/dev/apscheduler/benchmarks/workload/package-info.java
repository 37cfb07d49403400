/**
 * The workloads of the benchmark program ({@code burst}, {@code periodic}, {@code sleepy}) and what they measure:
 * lateness (start minus scheduled time), drain time and throughput, missed runs.
 */
@NullMarked
package dev.apscheduler.benchmarks.workload;

import org.jspecify.annotations.NullMarked;
