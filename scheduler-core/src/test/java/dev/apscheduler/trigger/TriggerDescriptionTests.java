package dev.apscheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@link TriggerDescription} takes a trigger's description and parameters without failing, so that a listing of jobs
 * shows every job even when one trigger is broken.
 */
class TriggerDescriptionTests {

    @Test
    void describesATriggerOfThisLibrary() {
        TriggerDescription description = TriggerDescription.of(Triggers.create("interval", Map.of("days", 200_000,
                "start_date", "2024-01-01T00:00:00Z"), ZoneOffset.UTC));
        assertThat(description.alias()).isEqualTo("interval");
        assertThat(description.description()).isEqualTo("interval[200000 days, 0:00:00]");
        assertThat(description.parameters()).containsEntry("weeks", 28571L).containsEntry("days", 3L);
        assertThat(description.error()).isNull();
    }

    @Test
    void reportsATriggerThatCannotDescribeItself() {
        TriggerDescription description = TriggerDescription.of(new Broken(true, false));
        assertThat(description.alias()).isEqualTo("broken");
        assertThat(description.description()).isNull();
        assertThat(description.parameters()).isEmpty();
        assertThat(description.error()).isEqualTo("the trigger cannot be described: out of order");
    }

    @Test
    void reportsParametersThatCannotBeWrittenAsJson() {
        TriggerDescription description = TriggerDescription.of(new Broken(false, true));
        assertThat(description.description()).isEqualTo("broken[]");
        assertThat(description.parameters()).isNull();
        assertThat(description.error()).isEqualTo("the trigger's parameters cannot be written as JSON");
    }

    private record Broken(boolean failsToDescribe, boolean unencodable) implements Trigger {

        @Override
        public Optional<ZonedDateTime> nextFireTime(@Nullable ZonedDateTime previousFireTime, ZonedDateTime now) {
            return Optional.empty();
        }

        @Override
        public Optional<ZonedDateTime> fireTimeAtOrAfter(ZonedDateTime time) {
            return Optional.empty();
        }

        @Override
        public String alias() {
            return "broken";
        }

        @Override
        public Map<String, Object> parameters() {
            return this.unencodable ? Map.of("value", new Unwritable()) : Map.of();
        }

        @Override
        public ZoneId zone() {
            return ZoneOffset.UTC;
        }

        @Override
        public String describe() {
            if (this.failsToDescribe) {
                throw new IllegalStateException("out of order");
            }
            return "broken[]";
        }

    }

    /** A value Jackson cannot write: its only property fails when read. */
    public static final class Unwritable {

        public String getValue() {
            throw new IllegalStateException("not today");
        }

    }

}
