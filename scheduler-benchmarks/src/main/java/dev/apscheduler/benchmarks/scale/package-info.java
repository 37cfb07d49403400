/**
 * The scale benchmark: the JPA store on PostgreSQL holding a million jobs ({@code MillionJobs}), measured for
 * scheduler start, memory, counting and listing, and the lateness of a periodic workload among them.
 */
@NullMarked
package dev.apscheduler.benchmarks.scale;

import org.jspecify.annotations.NullMarked;
