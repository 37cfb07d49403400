package com.example.sample.api;

import java.net.URI;
import java.util.List;

import dev.apscheduler.JobLookupException;
import dev.apscheduler.Scheduler;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobChanges;
import dev.apscheduler.spring.boot.web.JobChangesRequest;
import dev.apscheduler.spring.boot.web.JobRequest;
import dev.apscheduler.spring.boot.web.JobRequests;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scheduler as a service: list, add, change, pause, resume, run and remove jobs over HTTP, with APScheduler's
 * names for the job options.
 */
@RestController
@RequestMapping(path = "/api/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
class JobController {

    private final Scheduler scheduler;

    private final JobRequests requests;

    private final JobBatchRequests batches;

    JobController(Scheduler scheduler, SampleApiProperties limits, JsonMapper json) {
        this.scheduler = scheduler;
        this.requests = new JobRequests(scheduler, limits.requestLimits(), json);
        this.batches = new JobBatchRequests(this.requests, limits.getMaxBatchSize());
    }

    @GetMapping
    List<JobView> list(@RequestParam(required = false) @Nullable String jobstore) {
        String alias = (jobstore != null) ? this.requests.jobstore(jobstore) : null;
        return this.scheduler.getJobs(alias).stream().map(JobView::of).toList();
    }

    @GetMapping("/{id}")
    JobView get(@PathVariable String id) {
        return JobView.of(find(id));
    }

    /**
     * Adds a job: 201 with the job and its URL. The media types are checked before (the mapping produces JSON only)
     * and every field is checked by {@link JobRequests}, so that an add answered with an error has stored nothing.
     */
    @PostMapping
    ResponseEntity<JobView> add(@RequestBody JobRequest request) {
        Job job = this.scheduler.addJob(this.requests.spec(request));
        return ResponseEntity.created(location(job.id())).body(JobView.of(job));
    }

    /**
     * Adds many jobs at once ({@code addJobs}): a JSON array of the jobs {@link #add} takes, at most
     * {@code sample.api.max-batch-size} of them; 201 with the jobs in the order given. Every element is checked before
     * any job is stored, and an error names the element by its index and field ({@code [3].trigger}).
     */
    @PostMapping("/batch")
    ResponseEntity<List<JobView>> addBatch(@RequestBody List<@Nullable JobRequest> batch) {
        List<Job> jobs = this.scheduler.addJobs(this.batches.specs(batch));
        return ResponseEntity.status(HttpStatus.CREATED).body(jobs.stream().map(JobView::of).toList());
    }

    /**
     * Changes a job's options and, given a trigger, reschedules it from now ({@code reschedule_job}), in one change.
     * Every field is checked before the job is changed.
     */
    @PatchMapping("/{id}")
    JobView modify(@PathVariable String id, @RequestBody JobChangesRequest request) {
        JobChanges changes = this.requests.changes(request, () -> find(id).retryPolicy());
        find(id);
        if (changes != null) {
            this.scheduler.modifyJob(id, changes);
        }
        return JobView.of(find(id));
    }

    @PostMapping("/{id}/pause")
    JobView pause(@PathVariable String id) {
        return JobView.of(this.scheduler.pauseJob(id));
    }

    /**
     * Resumes a paused job: 200 with the job, or 204 when its trigger has no fire time left and it was removed.
     */
    @PostMapping("/{id}/resume")
    ResponseEntity<JobView> resume(@PathVariable String id) {
        find(id);
        return this.scheduler.resumeJob(id).map(JobView::of).map(ResponseEntity::ok)
            .orElseGet(() -> ResponseEntity.noContent().build());
    }

    /**
     * Runs a job now, outside its trigger; 202, as the run happens on the job's executor.
     */
    @PostMapping("/{id}/run")
    ResponseEntity<JobView> run(@PathVariable String id) {
        this.scheduler.runJob(id);
        return ResponseEntity.accepted().body(JobView.of(find(id)));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> remove(@PathVariable String id) {
        this.scheduler.removeJob(id);
        return ResponseEntity.noContent().build();
    }

    /** The job's URL, its id encoded as a path segment whatever characters the id rule allows. */
    private static URI location(String id) {
        return UriComponentsBuilder.fromPath("/api/jobs/{id}").encode().buildAndExpand(id).toUri();
    }

    private Job find(String id) {
        return this.scheduler.getJob(id).orElseThrow(() -> new JobLookupException(id, null));
    }

}
