package dev.apscheduler.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

/**
 * Reading the action of {@code POST jobs/{id}}.
 */
class JobActionTests {

    @Test
    void readsActionsInAnyCase() {
        assertThat(JobAction.from("pause")).isEqualTo(JobAction.PAUSE);
        assertThat(JobAction.from("Resume")).isEqualTo(JobAction.RESUME);
        assertThat(JobAction.from(" RUN ")).isEqualTo(JobAction.RUN);
    }

    @Test
    void rejectsAnUnknownActionNamingItAndTheValidOnes() {
        assertThatIllegalArgumentException().isThrownBy(() -> JobAction.from("delete"))
            .withMessage("Unknown action 'delete'; expected one of pause, resume, run");
    }

    @Test
    void rejectsAMissingAction() {
        assertThatIllegalArgumentException().isThrownBy(() -> JobAction.from(null))
            .withMessage("Missing action; expected one of pause, resume, run");
        assertThatIllegalArgumentException().isThrownBy(() -> JobAction.from(" "))
            .withMessage("Missing action; expected one of pause, resume, run");
    }

}
