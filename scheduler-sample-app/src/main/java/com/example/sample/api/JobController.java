package com.example.sample.api;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.apscheduler.JobLookupException;
import dev.apscheduler.Scheduler;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobChanges;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.JobSpecBuilder;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The scheduler as a service: list, add, change, pause, resume, run and remove jobs over HTTP.
 */
@RestController
@RequestMapping("/api/jobs")
class JobController {

    private final Scheduler scheduler;

    JobController(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @GetMapping
    List<JobView> list(@RequestParam(required = false) @Nullable String jobstore) {
        return this.scheduler.getJobs(jobstore).stream().map(JobView::of).toList();
    }

    @GetMapping("/{id}")
    JobView get(@PathVariable String id) {
        return JobView.of(find(id));
    }

    @PostMapping
    ResponseEntity<JobView> add(@RequestBody JobRequest request) {
        String task = required("task", request.task());
        if (this.scheduler.taskRegistry().find(task).isEmpty()) {
            throw new InvalidRequestException("task", "unknown task '" + task + "' (registered: "
                    + String.join(", ", this.scheduler.taskRegistry().names()) + ")");
        }
        JobSpecBuilder spec = JobSpec.task(task);
        if (request.id() != null) {
            spec.id(request.id());
        }
        if (request.name() != null) {
            spec.name(request.name());
        }
        if (request.trigger() != null) {
            spec.trigger(request.trigger(), (request.params() != null) ? request.params() : Map.of());
        }
        else if (request.params() != null && !request.params().isEmpty()) {
            throw new InvalidRequestException("trigger", "trigger parameters given without a trigger alias");
        }
        if (request.args() != null) {
            spec.args(request.args());
        }
        if (request.kwargs() != null) {
            spec.kwargs(request.kwargs());
        }
        if (request.executor() != null) {
            spec.executor(request.executor());
        }
        if (request.jobstore() != null) {
            spec.jobstore(request.jobstore());
        }
        if (request.misfireGraceTime() != null) {
            spec.misfireGraceTime(misfireGraceTime(request.misfireGraceTime()));
        }
        if (request.coalesce() != null) {
            spec.coalesce(request.coalesce());
        }
        if (request.maxInstances() != null) {
            spec.maxInstances(request.maxInstances());
        }
        if (Boolean.TRUE.equals(request.paused())) {
            spec.paused();
        }
        if (request.replaceExisting() != null) {
            spec.replaceExisting(request.replaceExisting());
        }
        Job job = this.scheduler.addJob(spec.build());
        return ResponseEntity.created(URI.create("/api/jobs/" + job.id())).body(JobView.of(job));
    }

    @PatchMapping("/{id}")
    JobView modify(@PathVariable String id, @RequestBody JobChangesRequest request) {
        find(id);
        JobChanges.Builder changes = JobChanges.builder();
        boolean changed = false;
        if (request.name() != null) {
            changes.name(request.name());
            changed = true;
        }
        if (request.args() != null) {
            changes.args(request.args());
            changed = true;
        }
        if (request.kwargs() != null) {
            changes.kwargs(request.kwargs());
            changed = true;
        }
        if (request.executor() != null) {
            changes.executor(request.executor());
            changed = true;
        }
        if (request.misfireGraceTime() != null) {
            changes.misfireGraceTime(misfireGraceTime(request.misfireGraceTime()));
            changed = true;
        }
        if (request.coalesce() != null) {
            changes.coalesce(request.coalesce());
            changed = true;
        }
        if (request.maxInstances() != null) {
            changes.maxInstances(request.maxInstances());
            changed = true;
        }
        if (changed) {
            this.scheduler.modifyJob(id, changes.build());
        }
        if (request.trigger() != null) {
            this.scheduler.rescheduleJob(id, request.trigger(), (request.params() != null) ? request.params() : Map.of());
        }
        else if (request.params() != null) {
            throw new InvalidRequestException("trigger", "trigger parameters given without a trigger alias");
        }
        return JobView.of(find(id));
    }

    @PostMapping("/{id}/pause")
    JobView pause(@PathVariable String id) {
        return JobView.of(this.scheduler.pauseJob(id));
    }

    @PostMapping("/{id}/resume")
    ResponseEntity<JobView> resume(@PathVariable String id) {
        find(id);
        return this.scheduler.resumeJob(id).map(JobView::of).map(ResponseEntity::ok)
            .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @PostMapping("/{id}/run")
    ResponseEntity<JobView> run(@PathVariable String id) {
        Job job = find(id);
        this.scheduler.runJob(id);
        return ResponseEntity.accepted().body(JobView.of(job));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> remove(@PathVariable String id) {
        this.scheduler.removeJob(id);
        return ResponseEntity.noContent().build();
    }

    private Job find(String id) {
        return this.scheduler.getJob(id).orElseThrow(() -> new JobLookupException(id, null));
    }

    private static String required(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "'" + field + "' is required");
        }
        return value;
    }

    /**
     * Reads a misfire grace time: a number of seconds, or {@code "none"} for however late.
     */
    private static @Nullable Duration misfireGraceTime(Object value) {
        String text = value.toString().trim();
        if (text.toLowerCase(Locale.ROOT).equals("none")) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(text);
            if (seconds.signum() > 0) {
                return Duration.ofNanos(seconds.movePointRight(9).longValueExact());
            }
        }
        catch (NumberFormatException | ArithmeticException ex) {
            // reported below
        }
        throw new InvalidRequestException("misfire_grace_time",
                "invalid value '" + value + "': expected a positive number of seconds or \"none\"");
    }

}
