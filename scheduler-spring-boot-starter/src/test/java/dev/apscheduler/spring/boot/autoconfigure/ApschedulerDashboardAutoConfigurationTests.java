package dev.apscheduler.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apscheduler.spring.boot.TestSchedulerConfiguration;
import dev.apscheduler.spring.boot.dashboard.DashboardAccess;
import dev.apscheduler.spring.boot.dashboard.DashboardApiController;
import dev.apscheduler.spring.boot.dashboard.DashboardPageController;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * When the dashboard is auto-configured, how it is protected, and how bad settings are reported.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApschedulerDashboardAutoConfigurationTests {

    private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ApschedulerDashboardAutoConfiguration.class))
        .withUserConfiguration(TestSchedulerConfiguration.class);

    @Test
    void isOffUnlessEnabled() {
        this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(DashboardApiController.class)
            .doesNotHaveBean(DashboardAccess.class));
    }

    @Test
    void isOffInApplicationsThatAreNotServletApplications() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApschedulerDashboardAutoConfiguration.class))
            .withUserConfiguration(TestSchedulerConfiguration.class)
            .withPropertyValues("apscheduler.dashboard.enabled=true")
            .run((context) -> assertThat(context).doesNotHaveBean(DashboardApiController.class));
    }

    @Test
    void isReadOnlyWithoutSpringSecurityAndSaysSo(CapturedOutput output) {
        this.contextRunner.withPropertyValues("apscheduler.dashboard.enabled=true").run((context) -> {
            assertThat(context).hasSingleBean(DashboardApiController.class)
                .hasSingleBean(DashboardPageController.class);
            assertThat(context.getBean(DashboardAccess.class).mode()).isEqualTo(DashboardAccess.Mode.READ_ONLY);
        });
        assertThat(output).contains("APScheduler dashboard at /apscheduler: read-only");
    }

    @Test
    void allowsWritesWithoutSpringSecurityOnlyWhenToldAndWarns(CapturedOutput output) {
        this.contextRunner
            .withPropertyValues("apscheduler.dashboard.enabled=true", "apscheduler.dashboard.path=/ops",
                    "apscheduler.dashboard.allow-unsecured-writes=true")
            .run((context) -> assertThat(context.getBean(DashboardAccess.class).mode())
                .isEqualTo(DashboardAccess.Mode.OPEN));
        assertThat(output).contains("APScheduler dashboard at /ops: ANYONE who reaches it may change jobs");
    }

    @Test
    void aBadPathFailsAtStartNamingTheProperty() {
        this.contextRunner.withPropertyValues("apscheduler.dashboard.enabled=true", "apscheduler.dashboard.path=ops/")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("apscheduler.dashboard.path")
                .hasMessageContaining("ops/"));
    }

    @Test
    void aRoleWithItsPrefixFailsAtStartNamingTheProperty() {
        this.contextRunner
            .withPropertyValues("apscheduler.dashboard.enabled=true", "apscheduler.dashboard.write-role=ROLE_OPS")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("apscheduler.dashboard.write-role")
                .hasMessageContaining("ROLE_OPS"));
    }

}
