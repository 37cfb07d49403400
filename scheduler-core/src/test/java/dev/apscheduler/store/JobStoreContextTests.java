package dev.apscheduler.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.apscheduler.JobRestoreException;
import dev.apscheduler.testing.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * The contexts a store gets outside a scheduler.
 */
class JobStoreContextTests {

    @Test
    void aContextWithAWakeupKeepsEverythingElse() {
        MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
        List<JobRestoreException> reported = new ArrayList<>();
        JobStoreContext base = JobStoreContext.of("orders", clock, ZoneId.of("Europe/Paris"), reported::add);
        AtomicInteger wakeups = new AtomicInteger();
        JobStoreContext context = base.withWakeup(wakeups::incrementAndGet);
        base.wakeup();
        assertThat(wakeups).hasValue(0);
        context.wakeup();
        context.wakeup();
        assertThat(wakeups).hasValue(2);
        assertThat(context.alias()).isEqualTo("orders");
        assertThat(context.clock()).isSameAs(clock);
        assertThat(context.timezone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(context.codec()).isSameAs(base.codec());
        assertThat(context.triggerRegistry()).isSameAs(base.triggerRegistry());
        JobRestoreException failure = new JobRestoreException("broken", "unknown trigger alias",
                new IllegalStateException());
        context.reportUnrestorableJob(failure);
        assertThat(reported).containsExactly(failure);
    }

}
