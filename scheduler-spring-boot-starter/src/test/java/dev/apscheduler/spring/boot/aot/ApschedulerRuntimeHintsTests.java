package dev.apscheduler.spring.boot.aot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import dev.apscheduler.executor.DirectJobExecutorFactory;
import dev.apscheduler.executor.ThreadPoolJobExecutorFactory;
import dev.apscheduler.executor.process.ProcessPoolJobExecutorFactory;
import dev.apscheduler.store.MemoryJobStoreFactory;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The starter's runtime hints: every SQL schema script and dashboard asset in the jar, the core's service files and
 * their providers, registered through {@code META-INF/spring/aot.factories}.
 */
class ApschedulerRuntimeHintsTests {

    private final RuntimeHints hints = new RuntimeHints();

    ApschedulerRuntimeHintsTests() {
        new ApschedulerRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
    }

    @Test
    void isRegisteredInAotFactories() {
        assertThat(AotServices.factories(getClass().getClassLoader()).load(RuntimeHintsRegistrar.class))
            .hasAtLeastOneElementOfType(ApschedulerRuntimeHints.class);
    }

    @Test
    void everySchemaScriptIsAResource() throws IOException {
        assertEveryResourceRegistered("dev/apscheduler/spring/boot/jpa/", "*.sql", 3);
    }

    @Test
    void everyMigrationFileIsAResource() throws IOException {
        for (String vendor : List.of("h2", "postgresql", "mysql", "mariadb")) {
            assertEveryResourceRegistered("db/migration/apscheduler/" + vendor + "/", "*.sql", 1);
        }
        assertEveryResourceRegistered("db/changelog/apscheduler/", "*", 1);
    }

    @Test
    void everyDashboardAssetIsAResource() throws IOException {
        assertEveryResourceRegistered("dev/apscheduler/spring/boot/dashboard/assets/", "*", 10);
    }

    @Test
    void serviceFilesAndTheirProvidersAreRegistered() {
        for (String service : new String[] { "dev.apscheduler.store.JobStoreFactory",
                "dev.apscheduler.executor.JobExecutorFactory", "dev.apscheduler.trigger.TriggerFactory" }) {
            assertThat(RuntimeHintsPredicates.resource().forResource("META-INF/services/" + service))
                .as(service).accepts(this.hints);
        }
        for (Class<?> provider : new Class<?>[] { MemoryJobStoreFactory.class, ThreadPoolJobExecutorFactory.class,
                DirectJobExecutorFactory.class, ProcessPoolJobExecutorFactory.class }) {
            assertThat(RuntimeHintsPredicates.reflection()
                .onType(provider)
                .withMemberCategory(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)).as(provider.getName())
                .accepts(this.hints);
        }
    }

    @Test
    void resourcesOutsideTheStartersDirectoriesAreNotRegistered() {
        assertThat(RuntimeHintsPredicates.resource().forResource("dev/apscheduler/spring/boot/jpa/JpaJobStore.class"))
            .rejects(this.hints);
        assertThat(RuntimeHintsPredicates.resource().forResource("application.properties")).rejects(this.hints);
    }

    private void assertEveryResourceRegistered(String directory, String pattern, int atLeast) throws IOException {
        Resource[] resources = new PathMatchingResourcePatternResolver()
            .getResources("classpath*:" + directory + pattern);
        assertThat(resources).hasSizeGreaterThanOrEqualTo(atLeast);
        for (Resource resource : resources) {
            String location = directory + resource.getFilename();
            assertThat(RuntimeHintsPredicates.resource().forResource(location)).as(location).accepts(this.hints);
        }
    }

}
