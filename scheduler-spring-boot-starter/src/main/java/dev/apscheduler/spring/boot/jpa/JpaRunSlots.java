package dev.apscheduler.spring.boot.jpa;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.apscheduler.JobStoreException;
import dev.apscheduler.store.RunSlots;

/**
 * The jpa store's run slots, in the {@code apscheduler_run_slots} table: a job's slots are rows numbered
 * {@code 0 .. max_instances - 1}, keyed by job id and number, each naming the run holding it and when its lease
 * ends. Taking a slot never counts and then inserts (two instances could both count one free place): it claims one
 * numbered row, either by inserting a number no row holds yet, which the primary key lets only one instance do, or
 * by taking over a row whose lease has run out with an update conditional on that expiry, which only one instance
 * can win. Each attempt is its own short transaction, so a lost race (a duplicate key) costs one statement and moves
 * on to the next number.
 */
final class JpaRunSlots implements RunSlots {

    /** The table's name. */
    static final String TABLE = "apscheduler_run_slots";

    private final StoreTransactions transactions;

    private volatile Duration lease = RunSlots.DEFAULT_LEASE;

    private volatile Clock clock = Clock.systemUTC();

    JpaRunSlots(StoreTransactions transactions) {
        this.transactions = transactions;
    }

    void lease(Duration lease) {
        this.lease = RunSlots.checkLease(lease);
    }

    void clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Duration lease() {
        return this.lease;
    }

    @Override
    public boolean acquire(String jobId, String slotId, int maxInstances) {
        long now = this.clock.millis();
        long expiresAt = now + this.lease.toMillis();
        Map<Integer, Long> rows = rows(jobId);
        for (int slotNo = 0; slotNo < maxInstances; slotNo++) {
            Long held = rows.get(slotNo);
            if (held == null && insert(jobId, slotNo, slotId, expiresAt)) {
                return true;
            }
            if (held != null && held <= now && takeOver(jobId, slotNo, slotId, now, expiresAt)) {
                return true;
            }
        }
        return false;
    }

    /** Reads a job's rows: slot number to expiry. */
    private Map<Integer, Long> rows(String jobId) {
        List<?> rows = this.transactions.call("read the run slots of job '" + jobId + "'",
                (entityManager) -> entityManager
                    .createNativeQuery("SELECT slot_no, expires_at FROM " + TABLE + " WHERE job_id = ?1")
                    .setParameter(1, jobId)
                    .getResultList());
        Map<Integer, Long> expiries = new HashMap<>();
        for (Object row : rows) {
            Object[] values = (Object[]) row;
            expiries.put(((Number) values[0]).intValue(), ((Number) values[1]).longValue());
        }
        return expiries;
    }

    private boolean insert(String jobId, int slotNo, String slotId, long expiresAt) {
        try {
            return this.transactions.call("take a run slot of job '" + jobId + "'", (entityManager) -> entityManager
                .createNativeQuery("INSERT INTO " + TABLE + " (job_id, slot_no, slot_id, expires_at) "
                        + "VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, jobId)
                .setParameter(2, slotNo)
                .setParameter(3, slotId)
                .setParameter(4, expiresAt)
                .executeUpdate()) == 1;
        }
        catch (JobStoreException ex) {
            if (isDuplicateKey(ex)) {
                // another instance took this number first
                return false;
            }
            throw ex;
        }
    }

    private boolean takeOver(String jobId, int slotNo, String slotId, long now, long expiresAt) {
        return this.transactions.call("take a run slot of job '" + jobId + "'", (entityManager) -> entityManager
            .createNativeQuery("UPDATE " + TABLE + " SET slot_id = ?1, expires_at = ?2 "
                    + "WHERE job_id = ?3 AND slot_no = ?4 AND expires_at <= ?5")
            .setParameter(1, slotId)
            .setParameter(2, expiresAt)
            .setParameter(3, jobId)
            .setParameter(4, slotNo)
            .setParameter(5, now)
            .executeUpdate()) == 1;
    }

    @Override
    public boolean renew(String jobId, String slotId) {
        long now = this.clock.millis();
        return this.transactions.call("renew a run slot of job '" + jobId + "'", (entityManager) -> entityManager
            .createNativeQuery("UPDATE " + TABLE + " SET expires_at = ?1 "
                    + "WHERE job_id = ?2 AND slot_id = ?3 AND expires_at > ?4")
            .setParameter(1, now + this.lease.toMillis())
            .setParameter(2, jobId)
            .setParameter(3, slotId)
            .setParameter(4, now)
            .executeUpdate()) > 0;
    }

    @Override
    public void release(String jobId, String slotId) {
        this.transactions.run("give back a run slot of job '" + jobId + "'", (entityManager) -> entityManager
            .createNativeQuery("DELETE FROM " + TABLE + " WHERE job_id = ?1 AND slot_id = ?2")
            .setParameter(1, jobId)
            .setParameter(2, slotId)
            .executeUpdate());
    }

    @Override
    public int count(String jobId) {
        long now = this.clock.millis();
        Number count = this.transactions.call("count the run slots of job '" + jobId + "'",
                (entityManager) -> (Number) entityManager
                    .createNativeQuery("SELECT COUNT(*) FROM " + TABLE + " WHERE job_id = ?1 AND expires_at > ?2")
                    .setParameter(1, jobId)
                    .setParameter(2, now)
                    .getSingleResult());
        return count.intValue();
    }

    /** Tells whether a failure is a unique key violation (SQL state class {@code 23}). */
    private static boolean isDuplicateKey(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

}
