package dev.apscheduler.spring.boot.dashboard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.apscheduler.JobLookupException;
import dev.apscheduler.Scheduler;
import dev.apscheduler.executor.ExecutorInfo;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.history.RunPage;
import dev.apscheduler.job.Job;
import dev.apscheduler.spring.boot.web.InvalidRequestException;
import dev.apscheduler.spring.boot.web.JobRequests;
import dev.apscheduler.store.JobQuery;
import dev.apscheduler.store.JobSlice;
import dev.apscheduler.store.JobStoreInfo;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboard's read endpoints under {@code <path>/api}: the session (what the user may do, the write token), the
 * overview, the jobs table (filtered, sorted and paged by the stores), a job with its next fire times, its runs, the
 * failures across jobs, and the tasks and triggers a job can be added with.
 */
@RestController
@RequestMapping(path = "${apscheduler.dashboard.path:/apscheduler}/api", produces = MediaType.APPLICATION_JSON_VALUE)
public class DashboardApiController {

    static final int MAX_RUN_PAGE_SIZE = 100;

    private final Scheduler scheduler;

    private final DashboardAccess access;

    private final RunActivity activity;

    private final JobRequests requests;

    private final long refreshMillis;

    /**
     * Creates the endpoints.
     * @param scheduler the scheduler shown
     * @param access who may see and change what
     * @param activity the runs of the last hour
     * @param requests the reader of requests
     * @param refreshMillis the time between two refreshes of an open page
     */
    public DashboardApiController(Scheduler scheduler, DashboardAccess access, RunActivity activity,
            JobRequests requests, long refreshMillis) {
        this.scheduler = scheduler;
        this.access = access;
        this.activity = activity;
        this.requests = requests;
        this.refreshMillis = refreshMillis;
    }

    @GetMapping("/session")
    Map<String, @Nullable Object> session(HttpServletRequest request) {
        Map<String, @Nullable Object> session = new LinkedHashMap<>();
        session.put("mode", this.access.mode().name().toLowerCase(Locale.ROOT));
        session.put("user", (request.getUserPrincipal() != null) ? request.getUserPrincipal().getName() : null);
        session.put("canWrite", this.access.canWrite(request));
        session.put("tokenHeader", DashboardAccess.TOKEN_HEADER);
        session.put("token", this.access.canWrite(request) ? this.access.token() : null);
        session.put("refreshMillis", this.refreshMillis);
        session.put("csrf", (this.access.mode() == DashboardAccess.Mode.SECURED) ? SpringSecurityCsrf.token(request)
                : null);
        return session;
    }

    @GetMapping("/overview")
    Map<String, Object> overview() {
        Map<String, Object> overview = new LinkedHashMap<>();
        overview.put("state", this.scheduler.state().name());
        overview.put("instance", this.scheduler.instanceName());
        overview.put("timezone", this.scheduler.timezone().getId());
        overview.put("now", this.scheduler.clock().instant());
        overview.put("stores", this.scheduler.jobStores().values().stream().map(DashboardApiController::store)
            .toList());
        overview.put("executors", this.scheduler.executors().values().stream().map(DashboardApiController::executor)
            .toList());
        Map<String, Object> history = new LinkedHashMap<>();
        history.put("enabled", this.scheduler.historyStore().isPresent());
        this.scheduler.historyFailure().ifPresent((failure) -> history.put("failure", String.valueOf(
                failure.getMessage())));
        overview.put("history", history);
        overview.put("lastHour", this.activity.lastHour());
        return overview;
    }

    private static Map<String, @Nullable Object> store(JobStoreInfo info) {
        Map<String, @Nullable Object> store = new LinkedHashMap<>();
        store.put("alias", info.alias());
        store.put("type", info.type());
        store.put("healthy", info.available());
        store.put("failure", info.failure());
        store.put("jobs", (info.jobCounts() != null) ? info.jobCounts().total() : null);
        store.put("paused", (info.jobCounts() != null) ? info.jobCounts().paused() : null);
        store.put("unrestorable", (info.jobCounts() != null) ? info.jobCounts().unrestorable() : null);
        return store;
    }

    private static Map<String, @Nullable Object> executor(ExecutorInfo info) {
        Map<String, @Nullable Object> executor = new LinkedHashMap<>();
        executor.put("alias", info.alias());
        executor.put("type", info.type());
        executor.put("running", info.activeCount());
        executor.put("maxWorkers", info.maxWorkers());
        executor.put("timedOutRunning", info.timedOutRunning());
        return executor;
    }

    /**
     * Lists a page of jobs: {@code q} searches ids, {@code store}, {@code paused} ({@code true}/{@code false}) and
     * {@code failing} ({@code true}: the last completed run failed) filter, {@code sort} is {@code nextRunTime} or
     * {@code -nextRunTime}.
     */
    @GetMapping("/jobs")
    Map<String, Object> jobs(@RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String store,
            @RequestParam(required = false) @Nullable String paused,
            @RequestParam(required = false) @Nullable String failing,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable String page,
            @RequestParam(required = false) @Nullable String size) {
        String alias = (store != null && !store.isEmpty()) ? this.requests.jobstore(store) : null;
        Boolean pausedFilter = bool("paused", paused);
        boolean failingOnly = Boolean.TRUE.equals(bool("failing", failing));
        boolean descending = descending(sort);
        int pageNumber = number("page", page, 0, 0, Integer.MAX_VALUE / JobQuery.MAX_LIMIT);
        int pageSize = number("size", size, 25, 1, JobQuery.MAX_LIMIT);
        Set<String> failingIds = failingJobs();
        JobQuery query = new JobQuery(q, pausedFilter, failingOnly ? failingIds : null, descending,
                pageNumber * pageSize, pageSize);
        JobSlice slice = this.scheduler.findJobs(alias, query);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("jobs", slice.jobs().stream().map((job) -> DashboardViews.row(job, failingIds)).toList());
        view.put("page", pageNumber);
        view.put("size", pageSize);
        view.put("total", slice.total());
        return view;
    }

    @GetMapping("/jobs/{id}")
    Map<String, @Nullable Object> job(@PathVariable String id, @RequestParam(required = false) @Nullable String store,
            HttpServletRequest request) {
        String alias = (store != null && !store.isEmpty()) ? this.requests.jobstore(store) : null;
        Job job = this.scheduler.getJob(id, alias).orElseThrow(() -> new JobLookupException(id, alias));
        return DashboardViews.details(job, failingJobs(), this.access.canWrite(request));
    }

    @GetMapping("/jobs/{id}/runs")
    Map<String, Object> runs(@PathVariable String id, @RequestParam(required = false) @Nullable String page,
            @RequestParam(required = false) @Nullable String size) {
        RunPage runs = history().findRuns(id, number("page", page, 0, 0, Integer.MAX_VALUE),
                number("size", size, 20, 1, MAX_RUN_PAGE_SIZE));
        return DashboardViews.runs(runs);
    }

    @GetMapping("/failures")
    Map<String, Object> failures(@RequestParam(required = false) @Nullable String page,
            @RequestParam(required = false) @Nullable String size) {
        return DashboardViews.runs(history().findFailures(number("page", page, 0, 0, Integer.MAX_VALUE),
                number("size", size, 20, 1, MAX_RUN_PAGE_SIZE)));
    }

    @GetMapping("/catalog")
    Map<String, Object> catalog() {
        Map<String, Object> catalog = new LinkedHashMap<>();
        catalog.put("tasks", List.copyOf(this.scheduler.taskRegistry().names()));
        catalog.put("triggers", List.copyOf(new TreeSet<>(this.scheduler.triggerRegistry().aliases())));
        catalog.put("jobstores", List.copyOf(this.scheduler.jobStoreAliases()));
        catalog.put("executors", List.copyOf(this.scheduler.executors().keySet()));
        return catalog;
    }

    private HistoryStore history() {
        Optional<HistoryStore> history = this.scheduler.historyStore();
        return history.orElseThrow(() -> new RunHistoryOffException());
    }

    private Set<String> failingJobs() {
        try {
            return this.scheduler.historyStore().map((history) -> Set.copyOf(history.findFailingJobs(1)))
                .orElse(Set.of());
        }
        catch (RuntimeException ex) {
            // a run history that fails must not hide the jobs: no job is shown as failing then
            return Set.of();
        }
    }

    private static @Nullable Boolean bool(String parameter, @Nullable String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidRequestException(parameter, "'" + parameter + "' must be true or false, was '"
                    + value + "'");
        };
    }

    private static boolean descending(@Nullable String sort) {
        if (sort == null || sort.isEmpty() || "nextRunTime".equals(sort)) {
            return false;
        }
        if ("-nextRunTime".equals(sort)) {
            return true;
        }
        throw new InvalidRequestException("sort", "'sort' must be nextRunTime or -nextRunTime, was '" + sort + "'");
    }

    static int number(String parameter, @Nullable String value, int fallback, int min, int max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        int number;
        try {
            number = Integer.parseInt(value);
        }
        catch (NumberFormatException ex) {
            throw new InvalidRequestException(parameter, "'" + parameter + "' must be a whole number, was '" + value
                    + "'");
        }
        if (number < min || number > max) {
            throw new InvalidRequestException(parameter, "'" + parameter + "' must be between " + min + " and " + max
                    + ", was " + number);
        }
        return number;
    }

    /**
     * The scheduler keeps no run history: the run pages have nothing to show.
     */
    static final class RunHistoryOffException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RunHistoryOffException() {
            super("the scheduler keeps no run history (apscheduler.history.enabled)");
        }

    }

}
