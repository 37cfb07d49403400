package com.example.sample.api;

import java.util.function.Function;

import dev.apscheduler.JobLookupException;
import dev.apscheduler.Scheduler;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.history.RunPage;
import dev.apscheduler.spring.boot.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scheduler's run history over HTTP: a job's runs, one run, and the recent failures across jobs, newest first,
 * paged with {@code page} (from zero) and {@code size}. While the scheduler keeps no run history, every request here
 * is answered 404 saying so.
 */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
class RunController {

    /** The page size when a request names none. */
    static final int DEFAULT_PAGE_SIZE = 20;

    private static final Logger logger = LoggerFactory.getLogger(RunController.class);

    private final Scheduler scheduler;

    private final SampleApiProperties limits;

    private final JsonMapper json;

    RunController(Scheduler scheduler, SampleApiProperties limits, JsonMapper json) {
        this.scheduler = scheduler;
        this.limits = limits;
        this.json = json;
    }

    /**
     * Lists a job's runs: also those of a job that was removed (a one-off job is, once it ran), as long as the
     * history holds them; 404 for an id with neither a job nor runs.
     */
    @GetMapping("/jobs/{id}/runs")
    RunPageView jobRuns(@PathVariable String id, @RequestParam(required = false) @Nullable String page,
            @RequestParam(required = false) @Nullable String size) {
        PageRequest request = pageRequest(page, size);
        RunPage runs = query((history) -> history.findRuns(id, request.page(), request.size()));
        if (runs.total() == 0 && this.scheduler.getJob(id).isEmpty()) {
            throw new JobLookupException(id, null);
        }
        return RunPageView.of(runs, this.json);
    }

    @GetMapping("/runs/{runId}")
    RunView run(@PathVariable String runId) {
        return query((history) -> history.findRun(runId))
            .map((run) -> RunView.of(run, true, this.json))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "No run by the id of '" + runId + "' was found"));
    }

    /**
     * Lists failed runs ({@code ERROR} and {@code TIMED_OUT}) across jobs.
     */
    @GetMapping("/failures")
    RunPageView failures(@RequestParam(required = false) @Nullable String page,
            @RequestParam(required = false) @Nullable String size) {
        PageRequest request = pageRequest(page, size);
        return RunPageView.of(query((history) -> history.findFailures(request.page(), request.size())), this.json);
    }

    /**
     * Asks the history store; a store that fails (its database is down) is the service's fault, not the request's:
     * 503, with the cause in the log only.
     */
    private <T> T query(Function<HistoryStore, T> query) {
        HistoryStore history = this.scheduler.historyStore()
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "run history is off: the scheduler keeps no run records"));
        try {
            return query.apply(history);
        }
        catch (RuntimeException ex) {
            logger.warn("A request failed because the run history store failed", ex);
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "the run history is unavailable; try again later");
        }
    }

    private PageRequest pageRequest(@Nullable String page, @Nullable String size) {
        int pageNumber = number("page", page, 0);
        if (pageNumber < 0) {
            throw new InvalidRequestException("page", "'page' must be 0 or more, was " + pageNumber);
        }
        int maxSize = Math.min(this.limits.getMaxPageSize(), RunPage.MAX_SIZE);
        int pageSize = number("size", size, Math.min(DEFAULT_PAGE_SIZE, maxSize));
        if (pageSize < 1 || pageSize > maxSize) {
            throw new InvalidRequestException("size", "'size' must be between 1 and " + maxSize + ", was " + pageSize
                    + " (sample.api.max-page-size)");
        }
        return new PageRequest(pageNumber, pageSize);
    }

    private static int number(String parameter, @Nullable String value, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.trim());
        }
        catch (NumberFormatException ex) {
            throw new InvalidRequestException(parameter, "'" + parameter + "' must be a whole number, was '" + value
                    + "'");
        }
    }

    private record PageRequest(int page, int size) {
    }

}
