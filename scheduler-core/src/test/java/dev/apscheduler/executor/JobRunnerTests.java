package dev.apscheduler.executor;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobRunnerTests {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private static final ZonedDateTime RUN_TIME = ZonedDateTime.of(2026, 3, 29, 1, 59, 59, 999_999_999, ZONE);

    @Test
    void aRunIsLateOnlyOnceItsLatenessExceedsTheGraceTime() {
        Duration grace = Duration.ofSeconds(1);
        Instant due = RUN_TIME.toInstant();
        assertThat(JobRunner.isLate(RUN_TIME, due, grace)).isFalse();
        assertThat(JobRunner.isLate(RUN_TIME, due.plus(grace), grace)).isFalse();
        assertThat(JobRunner.isLate(RUN_TIME, due.plus(grace).plusNanos(1), grace)).isTrue();
        assertThat(JobRunner.isLate(RUN_TIME, due.minusSeconds(5), grace)).isFalse();
        assertThat(JobRunner.isLate(RUN_TIME, due.plusNanos(1), Duration.ZERO)).isTrue();
        assertThat(JobRunner.isLate(RUN_TIME, due, Duration.ZERO)).isFalse();
    }

    @Test
    void lateAgreesWithComparingTheDurationBetweenTheTimes() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            ZonedDateTime runTime = RUN_TIME.plusSeconds(random.nextInt(-100_000, 100_000))
                .plusNanos(random.nextInt(1_000_000_000));
            Instant now = runTime.toInstant()
                .plusSeconds(random.nextInt(-3, 4))
                .plusNanos(random.nextInt(-1_000_000_000, 1_000_000_000));
            Duration grace = (random.nextInt(10) == 0) ? Duration.ZERO
                    : Duration.ofSeconds(random.nextInt(0, 3), random.nextInt(1_000_000_000));
            boolean expected = Duration.between(runTime.toInstant(), now).compareTo(grace) > 0;
            assertThat(JobRunner.isLate(runTime, now, grace)).as("run time %s, now %s, grace %s", runTime, now, grace)
                .isEqualTo(expected);
        }
    }

}
