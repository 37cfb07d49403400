/**
 * Run history: a {@link dev.apscheduler.history.RunRecord} for every run (its outcome, timing, error and result), kept
 * by a {@link dev.apscheduler.history.HistoryStore}, separate from the job store and pluggable the same way. The
 * scheduler writes records in the background, buffered and batched, so history never slows the scheduling path, and
 * a failing history store never stops a job from running. {@link dev.apscheduler.history.MemoryHistoryStore} is the
 * default; the starter adds a JPA one.
 */
@NullMarked
package dev.apscheduler.history;

import org.jspecify.annotations.NullMarked;
