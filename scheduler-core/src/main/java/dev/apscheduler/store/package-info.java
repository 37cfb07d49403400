/**
 * Job stores: the {@link dev.apscheduler.store.JobStore} service provider interface, with its atomic acquire step, the
 * {@link dev.apscheduler.store.MemoryJobStore}, the {@link dev.apscheduler.store.JobStoreFactory} registry and the JSON
 * codec persistent stores keep jobs with.
 */
@NullMarked
package dev.apscheduler.store;

import org.jspecify.annotations.NullMarked;
