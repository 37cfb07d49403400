package dev.apscheduler.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.history.MemoryHistoryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * With several data sources, none primary nor qualified {@code @ApschedulerDataSource}, the starter cannot tell where
 * the tables of its {@code jpa} stores go: {@code initialize-schema=always} stops the startup naming the data sources
 * and the ways out, {@code embedded} logs the same as a warning, {@code never} says nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class UndecidedSchemaDataSourceTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ApschedulerJpaAutoConfiguration.class))
        .withUserConfiguration(TwoDataSources.class)
        .withPropertyValues("apscheduler.history.type=jpa");

    @Test
    void alwaysStopsTheStartupNamingTheDataSources() {
        this.runner.withPropertyValues("apscheduler.jpa.initialize-schema=always").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[first, second]")
                .hasMessageContaining("@ApschedulerDataSource")
                .hasMessageContaining("apscheduler.jpa.initialize-schema=never");
        });
    }

    @Test
    void embeddedWarnsAndStarts(CapturedOutput output) {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(ApschedulerJpaSchemaInitializer.class);
            assertThat(output).contains("The tables of the jpa stores cannot be created");
        });
    }

    @Test
    void neverSaysNothing(CapturedOutput output) {
        this.runner.withPropertyValues("apscheduler.jpa.initialize-schema=never").run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(UndecidedSchemaDataSource.class);
            assertThat(output).doesNotContain("The tables of the jpa stores cannot be created");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoDataSources {

        @Bean
        DriverManagerDataSource first() {
            return new DriverManagerDataSource("jdbc:h2:mem:first");
        }

        @Bean
        DriverManagerDataSource second() {
            return new DriverManagerDataSource("jdbc:h2:mem:second");
        }

        @Bean
        HistoryStore historyStore() {
            return new MemoryHistoryStore();
        }

    }

}
