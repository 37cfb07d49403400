package dev.apscheduler.spring.boot.redis;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The Redis keys of one {@code redis} job store. Two are configured, with APScheduler's names as defaults: the hash
 * of job states ({@code jobs-key}, default {@code apscheduler.jobs}) and the sorted set of due times
 * ({@code run-times-key}, default {@code apscheduler.run_times}). The store derives the others from the jobs key:
 * {@code <jobs>.claims} (claims of jobs being acquired), {@code <jobs>.leases} (when each claim expires),
 * {@code <jobs>.unrestorable} (entries that cannot be restored, with the reason) and the pub/sub channel
 * {@code <jobs>.changes}.
 *
 * <p>The store's scripts touch several keys at once, which Redis Cluster allows only for keys in one hash slot, so
 * every key carries one hash tag ({@code {...}}). A configured name without a tag gets one: its part before the first
 * dot, in braces ({@code apscheduler.jobs} becomes <code>{apscheduler}.jobs</code>); a name with a tag keeps it. The
 * tags of the two names must be equal.
 *
 * @param jobs the hash of job states, by id
 * @param runTimes the sorted set of due times (epoch microseconds), of the jobs that are scheduled and not claimed
 * @param claims the hash of claims, by job id: {@code <token>|<due time>}
 * @param leases the sorted set of claim expiry times (Redis server epoch milliseconds)
 * @param unrestorable the hash of reasons why entries cannot be restored, by job id
 * @param channel the pub/sub channel on which changes are announced
 */
public record RedisKeys(String jobs, String runTimes, String claims, String leases, String unrestorable,
        String channel) {

    /** The default name of the hash of job states, APScheduler's. */
    public static final String DEFAULT_JOBS_KEY = "apscheduler.jobs";

    /** The default name of the sorted set of run times, APScheduler's. */
    public static final String DEFAULT_RUN_TIMES_KEY = "apscheduler.run_times";

    /**
     * Creates the value.
     * @param jobs the hash of job states
     * @param runTimes the sorted set of due times
     * @param claims the hash of claims
     * @param leases the sorted set of claim expiry times
     * @param unrestorable the hash of unrestorable entries
     * @param channel the pub/sub channel
     */
    public RedisKeys {
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(runTimes, "runTimes");
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(leases, "leases");
        Objects.requireNonNull(unrestorable, "unrestorable");
        Objects.requireNonNull(channel, "channel");
    }

    /**
     * Returns the keys of a store with APScheduler's names: <code>{apscheduler}.jobs</code> and
     * <code>{apscheduler}.run_times</code>.
     * @return the keys
     */
    public static RedisKeys defaults() {
        return of(DEFAULT_JOBS_KEY, DEFAULT_RUN_TIMES_KEY);
    }

    /**
     * Derives a store's keys from the two configured names.
     * @param jobsKey the name of the hash of job states
     * @param runTimesKey the name of the sorted set of due times
     * @return the keys, each with the shared hash tag
     * @throws IllegalArgumentException naming the bad name if a name is blank or the hash tags differ
     */
    public static RedisKeys of(String jobsKey, String runTimesKey) {
        String jobs = tagged(jobsKey, "jobs-key");
        String runTimes = tagged(runTimesKey, "run-times-key");
        String jobsTag = Objects.requireNonNull(hashTag(jobs));
        String runTimesTag = Objects.requireNonNull(hashTag(runTimes));
        if (!jobsTag.equals(runTimesTag)) {
            throw new IllegalArgumentException("run-times-key '" + runTimesKey + "' has the hash tag {" + runTimesTag
                    + "} but jobs-key '" + jobsKey + "' has {" + jobsTag + "}: both keys must share one hash tag, "
                    + "so that Redis Cluster keeps them in one slot and can run the store's scripts");
        }
        if (jobs.equals(runTimes)) {
            throw new IllegalArgumentException("run-times-key '" + runTimesKey + "' names the same key as jobs-key '"
                    + jobsKey + "'");
        }
        return new RedisKeys(jobs, runTimes, jobs + ".claims", jobs + ".leases", jobs + ".unrestorable",
                jobs + ".changes");
    }

    /**
     * Returns every key the store writes, for removing them all.
     * @return the keys
     */
    public List<String> dataKeys() {
        return List.of(this.jobs, this.runTimes, this.claims, this.leases, this.unrestorable);
    }

    private static String tagged(String name, String option) {
        if (name.isBlank()) {
            throw new IllegalArgumentException(option + " must not be blank, was '" + name + "'");
        }
        if (name.indexOf('{') >= 0) {
            if (hashTag(name) == null) {
                throw new IllegalArgumentException(option + " '" + name + "' has a '{' but no hash tag: write the "
                        + "tag as {tag} with at least one character between the braces");
            }
            return name;
        }
        int dot = name.indexOf('.');
        return (dot > 0) ? "{" + name.substring(0, dot) + "}" + name.substring(dot) : "{" + name + "}";
    }

    /**
     * Returns a key's hash tag as Redis Cluster computes it: the text between the first {@code {} and the first
     * {@code }} after it, when not empty.
     */
    static @Nullable String hashTag(String key) {
        int open = key.indexOf('{');
        if (open < 0) {
            return null;
        }
        int close = key.indexOf('}', open + 1);
        return (close > open + 1) ? key.substring(open + 1, close) : null;
    }

}
