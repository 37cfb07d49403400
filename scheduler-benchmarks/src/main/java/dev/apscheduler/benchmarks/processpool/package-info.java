/**
 * The process pool executor's figures: worker start time (plain and Spring), warm round-trip overhead per run, and a
 * CPU-bound job on one and on two workers.
 */
@NullMarked
package dev.apscheduler.benchmarks.processpool;

import org.jspecify.annotations.NullMarked;
