package dev.apscheduler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;

import dev.apscheduler.ConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The public duration readers shared by the flat configuration, Spring properties and annotations.
 */
class ConfigValuesTests {

    @ParameterizedTest
    @CsvSource({ "30, PT30S", "0.5, PT0.5S", "500ms, PT0.5S", "30s, PT30S", "5m, PT5M", "1h, PT1H", "1d, PT24H",
            "PT30S, PT30S" })
    void readsEveryDurationForm(String text, String expected) {
        assertThat(ConfigValues.duration("key", text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = { "none", "None", "null", "" })
    void misfireGraceTimeNoneMeansRunHoweverLate(String text) {
        assertThat(ConfigValues.misfireGraceTime("key", text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({ "30s, PT30S", "2, PT2S", "PT1M, PT1M" })
    void misfireGraceTimeReadsDurations(String text, String expected) {
        assertThat(ConfigValues.misfireGraceTime("key", text)).contains(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "-5s", "soon", "1e300", "-1e300", "1e-999999999", "300000000000d" })
    void misfireGraceTimeRejectsWhatIsNeitherPositiveNorNoneNamingTheKey(String text) {
        assertThatExceptionOfType(ConfigurationException.class)
            .isThrownBy(() -> ConfigValues.misfireGraceTime("apscheduler.jobs.cleanup.misfire-grace-time", text))
            .withMessageStartingWith("apscheduler.jobs.cleanup.misfire-grace-time: invalid value '" + text + "'")
            .satisfies((ex) -> assertThat(ex.key()).isEqualTo("apscheduler.jobs.cleanup.misfire-grace-time"));
    }

}
