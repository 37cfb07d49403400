package dev.apscheduler.job;

import java.util.Locale;

/**
 * Where a job's {@code max_instances} is counted ({@code max_instances_scope}): by each scheduler instance, as
 * APScheduler does, or across every scheduler instance sharing the job's store, through the store's
 * {@linkplain dev.apscheduler.store.RunSlots run slots}.
 */
public enum MaxInstancesScope {

    /** Each scheduler instance runs the job at most {@code max_instances} times at once (the default). */
    INSTANCE,

    /**
     * All scheduler instances sharing the job's store together run the job at most {@code max_instances} times at
     * once. The store must support run slots; a run that finds them all taken is skipped like a run over the
     * per-instance limit ({@code JOB_MAX_INSTANCES}).
     */
    CLUSTER;

    /** The scope of a job that does not say. */
    public static final MaxInstancesScope DEFAULT = INSTANCE;

    /**
     * Returns the option's value as written in configuration and stored jobs: {@code instance} or {@code cluster}.
     * @return the value
     */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads the option's value, in any case.
     * @param value {@code instance} or {@code cluster}
     * @return the scope
     * @throws InvalidJobOptionException naming the option and the bad value
     */
    public static MaxInstancesScope of(String value) {
        for (MaxInstancesScope scope : values()) {
            if (scope.value().equalsIgnoreCase(value.trim())) {
                return scope;
            }
        }
        throw new InvalidJobOptionException("max_instances_scope",
                "max_instances_scope must be 'instance' or 'cluster', was '" + value + "'");
    }

}
