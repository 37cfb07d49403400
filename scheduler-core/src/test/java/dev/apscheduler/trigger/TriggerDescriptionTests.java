package dev.apscheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.Map;

import dev.apscheduler.support.BrokenTrigger;
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
        TriggerDescription description = TriggerDescription.of(BrokenTrigger.cannotDescribe());
        assertThat(description.alias()).isEqualTo("broken");
        assertThat(description.description()).isNull();
        assertThat(description.parameters()).isEmpty();
        assertThat(description.error()).isEqualTo("the trigger cannot be described: out of order");
    }

    @Test
    void reportsParametersThatCannotBeWrittenAsJson() {
        TriggerDescription description = TriggerDescription.of(BrokenTrigger.cannotBeWritten());
        assertThat(description.description()).isEqualTo("broken[]");
        assertThat(description.parameters()).isNull();
        assertThat(description.error()).isEqualTo("the trigger's parameters cannot be written as JSON");
    }

}
