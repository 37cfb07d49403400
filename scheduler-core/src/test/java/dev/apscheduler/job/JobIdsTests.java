package dev.apscheduler.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.ZonedDateTime;

import dev.apscheduler.InvalidJobException;
import dev.apscheduler.trigger.DateTrigger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The id rule ({@link JobIds}), applied by the job specification given to {@code addJob} and by every job built, so
 * that a store restoring a job and an entry point adding one agree.
 */
class JobIdsTests {

    private static final ZonedDateTime T0 = ZonedDateTime.parse("2030-01-01T00:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = { "tick", "0123456789abcdef0123456789abcdef", "reportJobs.nightly", "tenant-42:report",
            "ops@example.com", "a_b~c$d", "...", "x" })
    void acceptsLettersDigitsAndTheAllowedPunctuation(String id) {
        assertThat(JobIds.isValid(id)).isTrue();
        assertThat(JobSpec.task("t").id(id).build().id()).contains(id);
        assertThat(job(id).build().id()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = { "a b", "50%", "it's", "say \"hi\"", "back\\slash", "line\nbreak", "nul\u0000",
            "lone\ud800", "a/b", "a;b", "a?b", "a#b", "caf\u00e9", ".", "..", "", " " })
    void refusesEveryOtherIdNamingTheCharacter(String id) {
        assertThat(JobIds.isValid(id)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> JobSpec.task("t").id(id))
            .withMessageStartingWith("job id must")
            .withMessageContaining("ASCII letters, digits and -_.:@~$")
            .withMessageNotContaining("\n")
            .withMessageNotContaining("\u0000");
        assertThatExceptionOfType(InvalidJobException.class)
            .isThrownBy(() -> job(id).build())
            .withMessageStartingWith("job id must");
    }

    @ParameterizedTest
    @ValueSource(ints = { 191, 192, 1_000_000 })
    void limitsTheLengthToTheJpaColumn(int length) {
        String id = "x".repeat(length);
        assertThat(JobIds.isValid(id)).isEqualTo(length <= JobIds.MAX_LENGTH);
        if (length > JobIds.MAX_LENGTH) {
            assertThatIllegalArgumentException().isThrownBy(() -> JobIds.requireValid(id))
                .withMessageContaining("at most 191 characters long, not " + length)
                .satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(300));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "a b|U+0020 (at index 1)", "line\nbreak|U+000A (at index 4)", "a/b|'/' (U+002F)" })
    void namesTheFirstCharacterThatIsNotAllowed(String idAndMessage) {
        String[] parts = idAndMessage.split("\\|");
        assertThatIllegalArgumentException().isThrownBy(() -> JobIds.requireValid(parts[0]))
            .withMessageContaining(parts[1]);
    }

    private static JobBuilder job(String id) {
        return Job.builder().id(id).task(TaskReference.named("t")).trigger(DateTrigger.of(T0));
    }

}
