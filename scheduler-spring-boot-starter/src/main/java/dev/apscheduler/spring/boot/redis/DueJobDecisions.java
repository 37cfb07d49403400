package dev.apscheduler.spring.boot.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.apscheduler.JobRestoreException;
import dev.apscheduler.job.Job;
import dev.apscheduler.store.AcquiredJob;
import dev.apscheduler.store.DueJobDecider;
import dev.apscheduler.store.JobDecision;
import org.jspecify.annotations.Nullable;

/**
 * The middle of the acquire step, between the claim script and the commit script: restores each claimed job, asks
 * the engine's decider about it, and turns the outcomes into the commit script's arguments. A claimed entry that
 * cannot be restored is marked by the commit; a job that is not due after all (a sorted set score is rounded) is
 * released unchanged.
 */
final class DueJobDecisions {

    private final List<Decided> decided;

    private final List<JobRestoreException> unrestorable;

    private DueJobDecisions(List<Decided> decided, List<JobRestoreException> unrestorable) {
        this.decided = decided;
        this.unrestorable = unrestorable;
    }

    /**
     * Decides the claimed jobs.
     * @param entries the codec
     * @param claimed the claim script's answer: id and state of each job, then the earliest due time left
     * @param now the acquire step's time
     * @param decider the engine's decision
     */
    static DueJobDecisions decide(RedisJobEntries entries, List<Object> claimed, Instant now, DueJobDecider decider) {
        int count = (claimed.size() - 1) / 2;
        List<Decided> decided = new ArrayList<>(count);
        List<JobRestoreException> unrestorable = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = claimed.get(2 * i).toString();
            String state = claimed.get(2 * i + 1).toString();
            Job job;
            try {
                job = entries.decode(id, state);
            }
            catch (JobRestoreException ex) {
                unrestorable.add(ex);
                decided.add(new Decided(id, "U", String.valueOf(ex.getMessage()), "", null, null));
                continue;
            }
            if (job.dueTime().map((due) -> due.toInstant().isAfter(now)).orElse(true)) {
                decided.add(new Decided(id, "R", "", "", null, null));
                continue;
            }
            JobDecision decision;
            try {
                decision = decider.decide(job);
            }
            catch (RuntimeException ex) {
                decided.add(new Decided(id, "R", "", "", null, null));
                continue;
            }
            Optional<Job> next = decision.applyTo(job);
            if (next.isPresent()) {
                decided.add(new Decided(id, "S", entries.encode(next.get()), RedisJobEntries.score(next.get()), job,
                        decision));
            }
            else {
                decided.add(new Decided(id, "D", "", "", job, decision));
            }
        }
        return new DueJobDecisions(decided, unrestorable);
    }

    /**
     * Returns the commit script's arguments.
     * @param token the claim token of the acquire step
     */
    Object[] arguments(String token) {
        Object[] arguments = new Object[1 + 4 * this.decided.size()];
        arguments[0] = token;
        int i = 1;
        for (Decided entry : this.decided) {
            arguments[i++] = entry.id();
            arguments[i++] = entry.operation();
            arguments[i++] = entry.state();
            arguments[i++] = entry.score();
        }
        return arguments;
    }

    List<JobRestoreException> unrestorable() {
        return this.unrestorable;
    }

    /**
     * Returns the jobs whose decision the commit script wrote.
     * @param committed the commit script's answer: 1 or 0 per job, then the earliest due time left
     */
    List<AcquiredJob> acquired(List<Object> committed) {
        List<AcquiredJob> acquired = new ArrayList<>(this.decided.size());
        for (int i = 0; i < this.decided.size(); i++) {
            Decided entry = this.decided.get(i);
            Job job = entry.job();
            JobDecision decision = entry.decision();
            if (job != null && decision != null && "1".equals(String.valueOf(committed.get(i)))) {
                acquired.add(new AcquiredJob(job, decision));
            }
        }
        return acquired;
    }

    /**
     * One claimed job's outcome: the commit operation ({@code S} store, {@code D} delete, {@code R} release,
     * {@code U} mark unrestorable) with its state and score, and the job and decision when it was decided.
     */
    private record Decided(String id, String operation, String state, String score, @Nullable Job job,
            @Nullable JobDecision decision) {
    }

}
