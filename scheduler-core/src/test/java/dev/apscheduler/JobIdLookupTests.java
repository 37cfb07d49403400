package dev.apscheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobIds;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.store.MemoryJobStore;
import dev.apscheduler.support.BrokenTrigger;
import dev.apscheduler.support.DelegatingJobStore;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.Test;

/**
 * Lookups of ids that break the id rule, and jobs whose trigger cannot describe itself.
 */
class JobIdLookupTests {

    private final List<String> lookedUp = new CopyOnWriteArrayList<>();

    private final ManualScheduler scheduler = ManualScheduler.builder()
        .clock(MutableClock.at(ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)))
        .taskRegistry(new TaskRegistry().registerAction("tick", (context) -> {
        }))
        .jobStore("default", new DelegatingJobStore(new MemoryJobStore()) {
            @Override
            public Optional<Job> lookupJob(String jobId) {
                JobIdLookupTests.this.lookedUp.add(jobId);
                return super.lookupJob(jobId);
            }
        })
        .build();

    @Test
    void anIdThatBreaksTheRuleIsNotLookedUpInAnyStore() {
        this.scheduler.start();
        String tooLong = "x".repeat(JobIds.MAX_LENGTH + 1);
        for (String id : List.of(tooLong, "a/b", "..", "with space")) {
            assertThat(this.scheduler.getJob(id)).as(id).isEmpty();
            assertThatExceptionOfType(JobLookupException.class).as(id).isThrownBy(() -> this.scheduler.removeJob(id));
        }
        assertThat(this.lookedUp).isEmpty();
        assertThat(this.scheduler.getJob("fine-id")).isEmpty();
        assertThat(this.lookedUp).containsExactly("fine-id");
    }

    @Test
    void aJobWhoseTriggerCannotDescribeItselfStillPrints() {
        this.scheduler.start();
        Job job = this.scheduler.addJob(JobSpec.task("tick").id("broken").trigger(BrokenTrigger.cannotDescribe()));
        assertThat(job.toString()).startsWith("tick (trigger: BrokenTrigger (cannot be described: ");
        StringBuilder printed = new StringBuilder();
        this.scheduler.printJobs(null, printed);
        assertThat(printed).contains("tick (trigger: BrokenTrigger (cannot be described: ");
        Job fine = this.scheduler
            .addJob(JobSpec.task("tick").id("fine").trigger(Triggers.interval(Duration.ofHours(1))));
        assertThat(fine.describeTrigger()).isEqualTo("interval[1:00:00]");
    }

}
