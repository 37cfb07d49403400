package dev.apscheduler.support;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import dev.apscheduler.trigger.Trigger;
import dev.apscheduler.trigger.Triggers;

/**
 * What most engine tests start from: a clock at {@link #T0} (UTC), a task registry with a task {@code tick} that
 * records the fire times it ran for, a listener recording every event, and a {@link ManualScheduler} using them.
 */
public final class SchedulerFixture {

    public static final ZoneId UTC = ZoneId.of("UTC");

    public static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, UTC);

    public final MutableClock clock = MutableClock.at(T0);

    public final TaskRegistry tasks = new TaskRegistry();

    public final List<ZonedDateTime> ticks = new CopyOnWriteArrayList<>();

    public final RecordingListener events = new RecordingListener();

    public SchedulerFixture() {
        this.tasks.register("tick", (context) -> {
            this.ticks.add(context.scheduledFireTime());
            return "tick@" + context.scheduledFireTime().toLocalTime();
        });
    }

    public ManualScheduler.Builder builder() {
        return ManualScheduler.builder().clock(this.clock).timezone(UTC).taskRegistry(this.tasks)
            .listener(this.events);
    }

    public ManualScheduler scheduler() {
        return builder().build();
    }

    public static ZonedDateTime at(double seconds) {
        return T0.plusNanos(Math.round(seconds * 1_000_000_000L));
    }

    public static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1_000_000_000L));
    }

    /** APScheduler's {@code interval} trigger, every second from T0 + 1 s. */
    public static Trigger everySecond() {
        return Triggers.interval().seconds(1).startDate(at(1)).build();
    }

    public static List<ZonedDateTime> times(double... seconds) {
        return java.util.Arrays.stream(seconds).mapToObj(SchedulerFixture::at).toList();
    }

}
