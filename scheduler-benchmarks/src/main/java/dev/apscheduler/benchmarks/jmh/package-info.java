/**
 * JMH benchmarks: next fire time computation of typical cron expressions (ours, Spring's and Quartz's), adding jobs
 * to the memory job store, the engine's work per due job, and saving run records to the memory run history.
 */
@NullMarked
package dev.apscheduler.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
