package dev.apscheduler.spring.boot.actuate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.apscheduler.JobLookupException;
import dev.apscheduler.Scheduler;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.history.RunPage;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.Job;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;

/**
 * The endpoint's views of the scheduler's run history: pages of runs, one run, and each job's last execution. Results
 * are shown as JSON and sanitised as argument values are.
 */
final class RunViews {

    /** How many of a job's newest runs are looked through for the last one that ended. */
    static final int LAST_EXECUTION_SCAN = 20;

    private static final Logger logger = LoggerFactory.getLogger(RunViews.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Scheduler scheduler;

    private final Sanitizer sanitizer;

    RunViews(Scheduler scheduler, Sanitizer sanitizer) {
        this.scheduler = scheduler;
        this.sanitizer = sanitizer;
    }

    RunPageDescriptor jobRuns(String jobId, int page, int size, boolean showUnsanitized) {
        RunPage.check(page, size);
        HistoryStore history = requireHistory();
        RunPage runs = query(history, () -> history.findRuns(jobId, page, size));
        if (runs.total() == 0 && this.scheduler.getJob(jobId).isEmpty()) {
            throw new JobLookupException(jobId, null);
        }
        return describe(runs, showUnsanitized);
    }

    RunPageDescriptor failures(int page, int size, boolean showUnsanitized) {
        RunPage.check(page, size);
        HistoryStore history = requireHistory();
        return describe(query(history, () -> history.findFailures(page, size)), showUnsanitized);
    }

    RunDescriptor run(String runId, boolean showUnsanitized) {
        HistoryStore history = requireHistory();
        RunRecord run = query(history, () -> history.findRun(runId)).orElseThrow(() -> new RunLookupException(runId));
        return describe(run, true, showUnsanitized);
    }

    /**
     * Returns a job's newest run that ended, other than a run dropped at {@code max_instances}, from the history;
     * empty when the scheduler keeps no history, the job has no such run among its newest, or the history fails.
     */
    @Nullable LastExecution lastExecution(Job job) {
        HistoryStore history = this.scheduler.historyStore().orElse(null);
        if (history == null) {
            return null;
        }
        try {
            for (RunRecord run : history.findRuns(job.id(), 0, LAST_EXECUTION_SCAN).runs()) {
                if (run.jobstore().equals(job.jobstore()) && run.outcome() != RunOutcome.RUNNING
                        && run.outcome() != RunOutcome.SKIPPED) {
                    return LastExecution.of(run, this.scheduler.timezone());
                }
            }
        }
        catch (RuntimeException ex) {
            logger.debug("The run history failed to give the last execution of job '{}'", job.id(), ex);
        }
        return null;
    }

    private HistoryStore requireHistory() {
        return this.scheduler.historyStore().orElseThrow(RunHistoryOffException::new);
    }

    private static <T> T query(HistoryStore history, Supplier<T> query) {
        try {
            return query.get();
        }
        catch (IllegalArgumentException ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            throw new RunHistoryUnavailableException(history.type(), ex);
        }
    }

    private RunPageDescriptor describe(RunPage page, boolean showUnsanitized) {
        List<RunDescriptor> runs = new ArrayList<>(page.runs().size());
        for (RunRecord run : page.runs()) {
            runs.add(describe(run, false, showUnsanitized));
        }
        return new RunPageDescriptor(runs, page.page(), page.size(), page.total());
    }

    private RunDescriptor describe(RunRecord run, boolean withStackTrace, boolean showUnsanitized) {
        Long durationMs = run.duration().map(Duration::toMillis).orElse(null);
        return new RunDescriptor(run.runId(), run.jobId(), run.attempt(), run.scheduledAt(), run.startedAt(),
                run.finishedAt(), durationMs, run.outcome(), run.instance(), run.executor(), run.errorType(),
                run.errorMessage(), result(run.result(), showUnsanitized), run.resultNote(),
                withStackTrace ? run.stackTrace() : null);
    }

    /**
     * Parses a result's JSON and sanitises it as arguments are: the members of an object by their names, the
     * elements of an array as {@code result[i]}, anything else as {@code result}.
     */
    private @Nullable Object result(@Nullable String json, boolean showUnsanitized) {
        if (json == null) {
            return null;
        }
        Object value;
        try {
            value = JSON.readValue(json, Object.class);
        }
        catch (JacksonException ex) {
            value = json;
        }
        if (!showUnsanitized || value == null) {
            return sanitize("result", value, showUnsanitized);
        }
        if (value instanceof Map<?, ?> members) {
            Map<String, @Nullable Object> sanitized = new LinkedHashMap<>();
            members.forEach((name, member) -> sanitized.put(String.valueOf(name),
                    sanitize(String.valueOf(name), member, true)));
            return sanitized;
        }
        if (value instanceof List<?> elements) {
            List<@Nullable Object> sanitized = new ArrayList<>(elements.size());
            for (int i = 0; i < elements.size(); i++) {
                sanitized.add(sanitize("result[" + i + "]", elements.get(i), true));
            }
            return sanitized;
        }
        return sanitize("result", value, true);
    }

    private @Nullable Object sanitize(String key, @Nullable Object value, boolean showUnsanitized) {
        return this.sanitizer.sanitize(new SanitizableData(null, key, value), showUnsanitized);
    }

}
