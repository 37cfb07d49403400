/**
 * JMH benchmarks: next fire time computation of typical cron expressions (ours, Spring's and Quartz's) and adding
 * jobs to the memory job store.
 */
@NullMarked
package dev.apscheduler.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
