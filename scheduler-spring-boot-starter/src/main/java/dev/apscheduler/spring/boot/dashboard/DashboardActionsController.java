package dev.apscheduler.spring.boot.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.apscheduler.Scheduler;
import dev.apscheduler.job.Job;
import dev.apscheduler.spring.boot.web.InvalidRequestException;
import dev.apscheduler.spring.boot.web.JobRequest;
import dev.apscheduler.spring.boot.web.JobRequests;
import dev.apscheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboard's write endpoints under {@code <path>/api}: add a job, pause, resume, run now, reschedule and remove
 * one. Every request is read by the starter's {@link JobRequests}, the same rules and messages as an application's
 * REST API; who may call them is checked before ({@link DashboardInterceptor}).
 */
@RestController
@RequestMapping(path = "${apscheduler.dashboard.path:/apscheduler}/api/jobs",
        produces = MediaType.APPLICATION_JSON_VALUE)
public class DashboardActionsController {

    private final Scheduler scheduler;

    private final JobRequests requests;

    /**
     * Creates the endpoints.
     * @param scheduler the scheduler changed
     * @param requests the reader of requests
     */
    public DashboardActionsController(Scheduler scheduler, JobRequests requests) {
        this.scheduler = scheduler;
        this.requests = requests;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, @Nullable Object>> add(@RequestBody JobRequest request) {
        Job job = this.scheduler.addJob(this.requests.spec(request));
        return ResponseEntity.status(HttpStatus.CREATED).body(DashboardViews.row(job, Set.of()));
    }

    @PostMapping("/{id}/pause")
    Map<String, @Nullable Object> pause(@PathVariable String id,
            @RequestParam(required = false) @Nullable String store) {
        return DashboardViews.row(this.scheduler.pauseJob(id, jobstore(store)), Set.of());
    }

    @PostMapping("/{id}/resume")
    ResponseEntity<Map<String, @Nullable Object>> resume(@PathVariable String id,
            @RequestParam(required = false) @Nullable String store) {
        return this.scheduler.resumeJob(id, jobstore(store))
            .map((job) -> ResponseEntity.ok(DashboardViews.row(job, Set.of())))
            .orElseGet(() -> ResponseEntity.ok(removed(id, "the job had no further fire time and was removed")));
    }

    @PostMapping("/{id}/run")
    ResponseEntity<Map<String, @Nullable Object>> run(@PathVariable String id,
            @RequestParam(required = false) @Nullable String store) {
        this.scheduler.runJob(id, jobstore(store));
        Map<String, @Nullable Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("message", "the job was submitted to run now");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
    }

    /**
     * Changes a job's trigger ({@code {"trigger": "cron", "params": {...}}}): the next run time is the new trigger's
     * first fire time from now, as APScheduler's {@code reschedule_job}.
     */
    @PostMapping(path = "/{id}/reschedule", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, @Nullable Object> reschedule(@PathVariable String id,
            @RequestParam(required = false) @Nullable String store, @RequestBody JobRequest request) {
        Trigger trigger = this.requests.trigger(request.trigger(), request.params());
        if (trigger == null) {
            throw new InvalidRequestException("trigger", "'trigger' is required and must not be blank");
        }
        return DashboardViews.row(this.scheduler.rescheduleJob(id, jobstore(store), trigger), Set.of());
    }

    @DeleteMapping("/{id}")
    Map<String, @Nullable Object> remove(@PathVariable String id,
            @RequestParam(required = false) @Nullable String store) {
        this.scheduler.removeJob(id, jobstore(store));
        return removed(id, "the job was removed");
    }

    private @Nullable String jobstore(@Nullable String store) {
        return (store != null && !store.isEmpty()) ? this.requests.jobstore(store) : null;
    }

    private static Map<String, @Nullable Object> removed(String id, String message) {
        Map<String, @Nullable Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("removed", true);
        answer.put("message", message);
        return answer;
    }

}
