package dev.apscheduler.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.HistoryEvent;
import dev.apscheduler.executor.ExecutorContext;
import dev.apscheduler.history.HistoryOptions;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.history.RunRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes run records to the history store from a background thread, so that recording a run costs its worker only a
 * place in a lock-free ring ({@link RecordRing}): records wait there (a run's start replaced in place by its end while
 * both wait, when only the worker reports the run), are saved in batches (of several records of one run, only the
 * latest), and wait on while the store fails, the failure reported once ({@code HISTORY_FAILED}) and its recovery too
 * ({@code HISTORY_RECOVERED}). A full buffer drops its oldest records, counted and logged. The same thread prunes the
 * store per the retention options.
 */
final class RunRecorder {

    private static final Logger logger = LoggerFactory.getLogger("dev.apscheduler.history");

    /** How many records one save writes at most. */
    static final int BATCH_SIZE = 500;

    /** How long records wait to be written while the scheduler is idle: a run's start and end then go as one. */
    static final Duration FLUSH_DELAY = Duration.ofMillis(500);

    /** How recently the loop must have handed runs over for the scheduler to count as busy. */
    static final Duration BUSY_WINDOW = Duration.ofMillis(100);

    /**
     * How long records wait at most while the scheduler is busy: writing yields to the scheduling path (the history
     * often shares its database), then writes everything that waits at once.
     */
    static final Duration MAX_DELAY = Duration.ofSeconds(5);

    private final SchedulerCore core;

    private final Object lock = new Object();

    /** Held while a batch is taken and saved, so that two writers never save an older record after a newer one. */
    private final Object writing = new Object();

    /**
     * Records as workers add them: lock-free, so that ten workers recording at once do not queue for a lock; replaced
     * when the buffer's size is configured.
     */
    private volatile RecordRing ring = new RecordRing(HistoryOptions.DEFAULTS.bufferSize(), this::dropped);

    /** A batch whose save failed, by run id, written first next time (used under {@link #writing}). */
    private final LinkedHashMap<String, RunRecord> failed = new LinkedHashMap<>();

    private volatile @Nullable HistoryStore store;

    private volatile HistoryOptions options = HistoryOptions.DEFAULTS;

    private volatile @Nullable Throwable failure;

    private final AtomicLong dropped = new AtomicLong();

    private @Nullable Thread thread;

    private boolean stopping;

    private long nextPruneNanos;

    private long retryAtNanos;

    private long lastWriteNanos = System.nanoTime();

    RunRecorder(SchedulerCore core) {
        this.core = core;
    }

    void configure(@Nullable HistoryStore store, HistoryOptions options) {
        this.store = store;
        this.options = options;
        if (this.ring.capacity() != options.bufferSize()) {
            RecordRing ring = new RecordRing(options.bufferSize(), this::dropped);
            synchronized (this.writing) {
                RecordRing old = this.ring;
                this.ring = ring;
                // the history is configured before the scheduler starts: records already waiting are moved
                RunRecord record;
                while ((record = old.poll()) != null) {
                    ring.add(record);
                }
            }
        }
    }

    Optional<HistoryStore> store() {
        return Optional.ofNullable(this.store);
    }

    /** Whether records are kept: a history store is configured; without one {@link #add} drops them. */
    boolean keepsRecords() {
        return this.store != null;
    }

    Optional<Throwable> failure() {
        return Optional.ofNullable(this.failure);
    }

    /**
     * Queues a record; never blocks on the store and never throws.
     */
    void add(RunRecord record) {
        if (this.store != null) {
            queue(record);
        }
    }

    /**
     * Queues the start of a run only the calling thread reports, as {@link #add} does.
     * @return where the record waits, for {@link #addEnd}; {@code null} without a history
     */
    RecordRing.@Nullable Waiting addStart(RunRecord record) {
        return (this.store != null) ? queue(record) : null;
    }

    /**
     * Queues the end of a run whose start {@link #addStart} queued: in the start's place while the start still waits
     * (a short run then takes one place in the buffer and one write), otherwise on its own.
     */
    void addEnd(ExecutorContext.@Nullable RecordedStart start, RunRecord record) {
        if (this.store == null) {
            return;
        }
        if (start instanceof RecordRing.Waiting waiting && waiting.replace(record)) {
            return;
        }
        queue(record);
    }

    private RecordRing.Waiting queue(RunRecord record) {
        RecordRing ring = this.ring;
        RecordRing.Waiting waiting = ring.add(record);
        // exactly one record is the batch's last, even with several threads adding
        if (ring.place(waiting) == BATCH_SIZE) {
            synchronized (this.lock) {
                this.lock.notifyAll();
            }
        }
        return waiting;
    }

    /** Counts a record dropped from the full buffer, and logs the first and every 10,000th. */
    private void dropped() {
        long dropped = this.dropped.incrementAndGet();
        if (dropped % 10_000 == 1) {
            logger.warn("Run history buffer is full ({} records); the oldest records are dropped ({} so far)",
                    this.options.bufferSize(), dropped);
        }
    }

    void start() {
        HistoryStore store = this.store;
        if (store == null) {
            return;
        }
        try {
            store.start();
        }
        catch (RuntimeException ex) {
            this.failure = ex;
            logger.error("The {} history failed to start; run records wait until it answers", store.type(), ex);
        }
        synchronized (this.lock) {
            this.stopping = false;
            this.nextPruneNanos = System.nanoTime();
            Thread thread = new Thread(this::work, "apscheduler-history");
            thread.setDaemon(true);
            this.thread = thread;
            thread.start();
        }
    }

    /**
     * Stops the writer after a last attempt to write what waits, and shuts the store down.
     */
    void shutdown(Duration timeout) {
        Thread thread;
        synchronized (this.lock) {
            thread = this.thread;
            this.thread = null;
            this.stopping = true;
            this.lock.notifyAll();
        }
        if (thread != null) {
            try {
                thread.join(Math.max(1, timeout.toMillis()));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        HistoryStore store = this.store;
        if (store != null) {
            flush();
            try {
                store.shutdown();
            }
            catch (RuntimeException ex) {
                logger.warn("History store failed to shut down", ex);
            }
        }
    }

    /**
     * Writes every waiting record now, on the caller's thread.
     * @return whether everything was written
     */
    boolean flush() {
        while (true) {
            synchronized (this.writing) {
                List<RunRecord> batch = take();
                if (batch.isEmpty()) {
                    return true;
                }
                if (!save(batch)) {
                    return false;
                }
            }
        }
    }

    private void work() {
        while (true) {
            synchronized (this.lock) {
                long wait;
                while (!this.stopping && (wait = waitNanos()) > 0) {
                    try {
                        this.lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
                    }
                    catch (InterruptedException ex) {
                        return;
                    }
                }
                if (this.stopping) {
                    return;
                }
            }
            if (System.nanoTime() - this.retryAtNanos >= 0) {
                writeAll();
            }
            if (System.nanoTime() - this.nextPruneNanos >= 0) {
                this.nextPruneNanos = System.nanoTime() + this.options.pruneInterval().toNanos();
                prune();
            }
        }
    }

    /** Writes batches until nothing waits, or until a save fails (then retried after the retry interval). */
    private void writeAll() {
        synchronized (this.writing) {
            while (true) {
                List<RunRecord> batch = take();
                if (batch.isEmpty()) {
                    break;
                }
                if (!save(batch)) {
                    this.retryAtNanos = System.nanoTime() + this.core.retryInterval().toNanos();
                    break;
                }
            }
            this.lastWriteNanos = System.nanoTime();
        }
    }

    /**
     * How long the writer waits: until a failed store is retried; while idle, {@link #FLUSH_DELAY} after the last
     * write; while the scheduler is busy handing runs over, up to {@link #MAX_DELAY} (or until half the buffer is
     * used); never past the next prune.
     */
    private long waitNanos() {
        long now = System.nanoTime();
        long untilPrune = Math.max(0, this.nextPruneNanos - now);
        if (this.retryAtNanos - now > 0) {
            return Math.min(this.retryAtNanos - now, untilPrune);
        }
        int queued = this.ring.size();
        if (queued == 0 && this.failed.isEmpty()) {
            return Math.min(FLUSH_DELAY.toNanos(), untilPrune);
        }
        long sinceWrite = now - this.lastWriteNanos;
        boolean busy = now - this.core.lastHandOverNanos() < BUSY_WINDOW.toNanos();
        if (busy && sinceWrite < MAX_DELAY.toNanos() && queued < this.options.bufferSize() / 2) {
            return Math.min(Math.min(BUSY_WINDOW.toNanos(), MAX_DELAY.toNanos() - sinceWrite), untilPrune);
        }
        if (queued >= BATCH_SIZE || sinceWrite >= FLUSH_DELAY.toNanos()) {
            return 0;
        }
        return Math.min(FLUSH_DELAY.toNanos() - sinceWrite, untilPrune);
    }

    /**
     * Takes the next batch: the records of a failed save first, then queued ones; of several records of one run only
     * the latest is kept. Called under {@link #writing}.
     */
    private List<RunRecord> take() {
        LinkedHashMap<String, RunRecord> batch = new LinkedHashMap<>(this.failed);
        this.failed.clear();
        RecordRing ring = this.ring;
        RunRecord record;
        while (batch.size() < BATCH_SIZE && (record = ring.poll()) != null) {
            batch.put(record.runId(), record);
        }
        return new ArrayList<>(batch.values());
    }

    private boolean save(List<RunRecord> batch) {
        HistoryStore store = this.store;
        if (store == null) {
            return true;
        }
        try {
            store.save(batch);
        }
        catch (RuntimeException ex) {
            giveBack(batch);
            if (this.failure == null) {
                logger.error("Writing {} run records to the {} history failed; they wait and are retried",
                        batch.size(), store.type(), ex);
                this.core.events().dispatch(new HistoryEvent(EventCodes.HISTORY_FAILED, store.type(), ex));
            }
            this.failure = ex;
            return false;
        }
        if (this.failure != null) {
            this.failure = null;
            logger.info("The {} history takes run records again", store.type());
            this.core.events().dispatch(new HistoryEvent(EventCodes.HISTORY_RECOVERED, store.type(), null));
        }
        return true;
    }

    /** Keeps a batch that failed, to be written first; newer records of the same runs still follow it. */
    private void giveBack(List<RunRecord> batch) {
        for (RunRecord record : batch) {
            this.failed.putIfAbsent(record.runId(), record);
        }
        int over = this.failed.size() - this.options.bufferSize();
        for (Iterator<RunRecord> oldest = this.failed.values().iterator(); over > 0 && oldest.hasNext(); over--) {
            oldest.next();
            oldest.remove();
            this.dropped.incrementAndGet();
        }
    }

    private void prune() {
        HistoryStore store = this.store;
        if (store == null) {
            return;
        }
        HistoryOptions options = this.options;
        Duration maxAge = options.maxAge();
        Instant cutOff = (maxAge != null) ? this.core.clock().instant().minus(maxAge) : null;
        try {
            long removed = store.prune(cutOff, options.maxRunsPerJob());
            if (removed > 0) {
                logger.debug("Pruned {} run records", removed);
            }
        }
        catch (RuntimeException ex) {
            logger.warn("Pruning the {} history failed; it is tried again in {}", store.type(),
                    options.pruneInterval(), ex);
        }
    }

}
