package dev.apscheduler.spring.boot.jpa;

import java.time.Instant;
import java.util.List;

import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.history.RunRecord;
import org.jspecify.annotations.Nullable;

/**
 * Turns run records into the column values of the {@code apscheduler_runs} table and rows back into records. Times
 * are epoch microseconds, as in the job table. Texts are made to fit their columns: a text longer than its column is
 * cut (with an ellipsis, never inside a surrogate pair), and NUL characters, which PostgreSQL refuses in text, become
 * U+FFFD, so that one odd record never fails the batch it is saved with.
 */
final class RunRows {

    /** The table's name. */
    static final String TABLE = "apscheduler_runs";

    /** The columns, in the order of {@link #values(RunRecord)} and of the rows {@link #SELECT} reads. */
    static final List<String> COLUMNS = List.of("run_id", "job_id", "jobstore", "executor", "task", "scheduled_at",
            "attempt", "started_at", "finished_at", "outcome", "instance", "error_type", "error_message",
            "stack_trace", "result", "result_note");

    /** Selects every column, for {@link #record(Object[])}. */
    static final String SELECT = "SELECT " + String.join(", ", COLUMNS) + " FROM " + TABLE;

    /** The length of the alias, instance and executor columns. */
    static final int NAME_LENGTH = 191;

    /** The length of the task and exception type columns. */
    static final int LONG_NAME_LENGTH = 500;

    private RunRows() {
    }

    /**
     * Returns a record's column values, in the order of {@link #COLUMNS}.
     */
    static @Nullable Object[] values(RunRecord record) {
        return new @Nullable Object[] { record.runId(), record.jobId(), fit(record.jobstore(), NAME_LENGTH),
            fit(record.executor(), NAME_LENGTH), fit(record.task(), LONG_NAME_LENGTH),
            JobRows.floorMicros(record.scheduledAt()), record.attempt(), micros(record.startedAt()),
            micros(record.finishedAt()), record.outcome().name(), fit(record.instance(), NAME_LENGTH),
            fitOrNull(record.errorType(), LONG_NAME_LENGTH),
            fitOrNull(record.errorMessage(), RunRecord.MAX_MESSAGE_LENGTH),
            fitOrNull(record.stackTrace(), RunRecord.MAX_STACK_TRACE_LENGTH),
            fitOrNull(record.result(), RunRecord.MAX_RESULT_LENGTH),
            fitOrNull(record.resultNote(), RunRecord.MAX_NOTE_LENGTH) };
    }

    /**
     * Restores the record of a row read by {@link #SELECT}.
     */
    static RunRecord record(Object[] row) {
        return new RunRecord(text(row[0]), text(row[1]), text(row[2]), text(row[3]), text(row[4]),
                JobRows.instant(JobRows.number(row[5])), (int) JobRows.number(row[6]), instant(row[7]),
                instant(row[8]), RunOutcome.valueOf(text(row[9])), text(row[10]), textOrNull(row[11]),
                textOrNull(row[12]), textOrNull(row[13]), textOrNull(row[14]), textOrNull(row[15]));
    }

    private static @Nullable Long micros(@Nullable Instant instant) {
        return (instant != null) ? JobRows.floorMicros(instant) : null;
    }

    private static @Nullable Instant instant(@Nullable Object micros) {
        return (micros != null) ? JobRows.instant(JobRows.number(micros)) : null;
    }

    private static String text(@Nullable Object value) {
        return JobRows.text(value);
    }

    private static @Nullable String textOrNull(@Nullable Object value) {
        return (value != null) ? JobRows.text(value) : null;
    }

    private static @Nullable String fitOrNull(@Nullable String text, int length) {
        return (text != null) ? fit(text, length) : null;
    }

    /**
     * Makes a text fit a column of {@code length} characters.
     */
    static String fit(String text, int length) {
        String fitted = text.replace('\u0000', '\uFFFD');
        if (fitted.length() <= length) {
            return fitted;
        }
        int end = length - 1;
        if (Character.isHighSurrogate(fitted.charAt(end - 1))) {
            end--;
        }
        return fitted.substring(0, end) + "\u2026";
    }

}
