package dev.apscheduler.spring.boot.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.event.SchedulerListener;

/**
 * Counts the runs of the last hour minute by minute, with their lateness (how long after its fire time a run
 * started), from the scheduler's execution events: the overview's chart. Sixty fixed buckets, so memory does not
 * grow with the number of runs; runs of other instances sharing a store are not seen.
 */
public final class RunActivity implements SchedulerListener {

    /** The events this listener needs. */
    public static final int EVENT_MASK = EventCodes.JOB_EXECUTED | EventCodes.JOB_ERROR | EventCodes.JOB_MISSED;

    static final int MINUTES = 60;

    private final Clock clock;

    private final Minute[] minutes = new Minute[MINUTES];

    /**
     * Creates the recorder.
     * @param clock the scheduler's clock
     */
    public RunActivity(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onEvent(SchedulerEvent event) {
        if (event instanceof JobExecutionEvent execution) {
            boolean missed = execution.code() == EventCodes.JOB_MISSED;
            boolean failed = execution.code() == EventCodes.JOB_ERROR;
            long lateness = Math.max(0, Duration.between(execution.scheduledRunTime().toInstant(),
                    execution.startTime()).toMillis());
            record(execution.startTime(), missed, failed, lateness);
        }
    }

    private synchronized void record(Instant time, boolean missed, boolean failed, long latenessMillis) {
        long epochMinute = time.getEpochSecond() / 60;
        int index = (int) Math.floorMod(epochMinute, (long) MINUTES);
        Minute minute = this.minutes[index];
        if (minute == null || minute.epochMinute != epochMinute) {
            minute = new Minute(epochMinute);
            this.minutes[index] = minute;
        }
        if (missed) {
            minute.missed++;
            return;
        }
        minute.runs++;
        if (failed) {
            minute.failed++;
        }
        minute.latenessSum += latenessMillis;
        minute.latenessMax = Math.max(minute.latenessMax, latenessMillis);
    }

    /**
     * Returns the last hour, oldest minute first, with empty minutes included.
     * @return sixty minutes
     */
    synchronized List<MinuteView> lastHour() {
        Instant now = this.clock.instant();
        long current = now.getEpochSecond() / 60;
        List<MinuteView> views = new ArrayList<>(MINUTES);
        for (long epochMinute = current - MINUTES + 1; epochMinute <= current; epochMinute++) {
            Minute minute = this.minutes[(int) Math.floorMod(epochMinute, (long) MINUTES)];
            Instant start = Instant.ofEpochSecond(epochMinute * 60).truncatedTo(ChronoUnit.MINUTES);
            if (minute == null || minute.epochMinute != epochMinute) {
                views.add(new MinuteView(start, 0, 0, 0, 0, 0));
            }
            else {
                long average = (minute.runs > 0) ? minute.latenessSum / minute.runs : 0;
                views.add(new MinuteView(start, minute.runs, minute.failed, minute.missed, average,
                        minute.latenessMax));
            }
        }
        return views;
    }

    /**
     * One minute of the chart.
     *
     * @param minute the start of the minute
     * @param runs the runs that started in it
     * @param failed those of them that failed
     * @param missed the fire times found too late to run
     * @param averageLatenessMillis the average lateness of its runs
     * @param maxLatenessMillis the largest lateness of its runs
     */
    record MinuteView(Instant minute, long runs, long failed, long missed, long averageLatenessMillis,
            long maxLatenessMillis) {
    }

    private static final class Minute {

        private final long epochMinute;

        private long runs;

        private long failed;

        private long missed;

        private long latenessSum;

        private long latenessMax;

        Minute(long epochMinute) {
            this.epochMinute = epochMinute;
        }

    }

}
