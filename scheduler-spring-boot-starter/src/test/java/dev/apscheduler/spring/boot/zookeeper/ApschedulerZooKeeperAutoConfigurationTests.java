package dev.apscheduler.spring.boot.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.Scheduler;
import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerZooKeeperAutoConfiguration;
import dev.apscheduler.spring.boot.autoconfigure.MissingJobStoreDependencyException;
import dev.apscheduler.spring.boot.support.FailureAnalyses;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreFactory;
import dev.apscheduler.trigger.Triggers;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code zookeeper} job store's auto-configuration: a client of its own from
 * {@code apscheduler.jobstores.<alias>.*}, or the client qualified for the scheduler, and clear startup failures for
 * bad settings and without Apache Curator.
 */
class ApschedulerZooKeeperAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ApschedulerZooKeeperAutoConfiguration.class,
                ApschedulerAutoConfiguration.class))
        .withBean(TaskRegistry.class, () -> new TaskRegistry().register("tick", () -> { }))
        .withUserConfiguration(CapturingConfiguration.class)
        .withPropertyValues("apscheduler.jobstores.default.type=zookeeper");

    private static ZooKeeperJobStore store(AssertableApplicationContext context) {
        return context.getBean(CreatedStores.class).stores.get(0);
    }

    @Test
    void noStoreFactoryUnlessAZookeeperStoreIsConfigured() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApschedulerZooKeeperAutoConfiguration.class))
            .run((context) -> assertThat(context).doesNotHaveBean(ZooKeeperJobStoreFactory.class));
    }

    @Test
    void storesJobsUnderTheConfiguredPathWithAClientOfItsOwn() throws Exception {
        this.runner.withPropertyValues("apscheduler.jobstores.default.connect-string="
                + ZooKeeperTestServer.connectString(), "apscheduler.jobstores.default.path=/autoconfig/own",
                "apscheduler.jobstores.default.namespace=tenant-a",
                "apscheduler.jobstores.default.session-timeout=8s",
                "apscheduler.jobstores.default.connection-timeout=3s",
                "apscheduler.jobstores.default.retry-base-sleep=50ms",
                "apscheduler.jobstores.default.retry-max-sleep=2s",
                "apscheduler.jobstores.default.retry-max-retries=5", "apscheduler.jobstores.default.max-wait=2s",
                "apscheduler.jobstores.default.look-ahead=100ms").run((context) -> {
                    assertThat(context).hasNotFailed();
                    Scheduler scheduler = context.getBean(Scheduler.class);
                    ZooKeeperJobStore store = store(context);
                    assertThat(scheduler.jobStores().get("default").type()).isEqualTo("zookeeper");
                    assertThat(store.type()).isEqualTo("zookeeper");
                    assertThat(store.maxWait()).contains(Duration.ofSeconds(2));
                    assertThat(store.lookAhead()).isEqualTo(Duration.ofMillis(100));
                    assertThat(store.client().getNamespace()).isEqualTo("tenant-a");
                    assertThat(store.client().getZookeeperClient().getConnectionTimeoutMs()).isEqualTo(3000);
                    scheduler.removeAllJobs();
                    scheduler.addJob(JobSpec.task("tick").id("later")
                        .trigger(Triggers.date(ZonedDateTime.now().plusHours(1))).build());
                    try (CuratorFramework reader = ZooKeeperTestServer.client()) {
                        byte[] json = reader.getData().forPath("/tenant-a/autoconfig/own/jobs/later");
                        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"id\":\"later\"");
                    }
                    scheduler.removeJob("later");
                });
    }

    @Test
    void theStoresOwnClientIsClosedWithTheContext() {
        CuratorFramework[] client = new CuratorFramework[1];
        this.runner.withPropertyValues("apscheduler.jobstores.default.connect-string="
                + ZooKeeperTestServer.connectString(), "apscheduler.jobstores.default.path=/autoconfig/closed")
            .run((context) -> client[0] = store(context).client());
        assertThat(client[0].getState()).hasToString("STOPPED");
    }

    @Test
    void digestCredentialsProtectTheZnodesForTheirUser() {
        this.runner.withPropertyValues("apscheduler.jobstores.default.connect-string="
                + ZooKeeperTestServer.connectString(), "apscheduler.jobstores.default.path=/autoconfig/secured",
                "apscheduler.jobstores.default.digest=scheduler:secret").run((context) -> {
                    assertThat(context).hasNotFailed();
                    try (CuratorFramework stranger = ZooKeeperTestServer.client()) {
                        assertThatExceptionOfType(KeeperException.NoAuthException.class)
                            .isThrownBy(() -> stranger.getData().forPath("/autoconfig/secured/jobs"));
                    }
                    try (CuratorFramework reader = CuratorFrameworkFactory.builder()
                        .connectString(ZooKeeperTestServer.connectString())
                        .authorization("digest", "scheduler:secret".getBytes(StandardCharsets.UTF_8))
                        .retryPolicy(new RetryOneTime(100)).build()) {
                        reader.start();
                        List<ACL> acl = reader.getACL().forPath("/autoconfig/secured/jobs");
                        assertThat(acl).singleElement().satisfies((entry) -> {
                            assertThat(entry.getId().getScheme()).isEqualTo("digest");
                            assertThat(entry.getId().getId()).startsWith("scheduler:");
                            assertThat(entry.getPerms()).isEqualTo(ZooDefs.Perms.ALL);
                        });
                    }
                });
    }

    @Test
    void aClientQualifiedForTheSchedulerIsUsedWhenNoConnectStringIsGiven() {
        this.runner.withUserConfiguration(DedicatedClientConfiguration.class)
            .withPropertyValues("apscheduler.jobstores.default.path=/autoconfig/dedicated")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(store(context).client()).isSameAs(context.getBean("schedulerCurator"));
            });
    }

    @Test
    void noConnectStringAndNoClientFailsTheStartupNamingTheProperty() {
        this.runner.run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("apscheduler.jobstores.default.connect_string")
                .hasMessageContaining("@ApschedulerCuratorFramework");
        });
    }

    @Test
    void badSettingsFailTheStartupNamingThePropertyAndTheValue() {
        ApplicationContextRunner connected = this.runner.withPropertyValues(
                "apscheduler.jobstores.default.connect-string=" + ZooKeeperTestServer.connectString());
        connected.withPropertyValues("apscheduler.jobstores.default.path=apscheduler").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("apscheduler.jobstores.default.path").hasMessageContaining("'apscheduler'");
        });
        connected.withPropertyValues("apscheduler.jobstores.default.acl=creator").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("apscheduler.jobstores.default.acl")
                .hasMessageContaining("apscheduler.jobstores.default.digest");
        });
        connected.withPropertyValues("apscheduler.jobstores.default.session-timeout=0s").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("apscheduler.jobstores.default.session-timeout")
                .hasMessageContaining("'PT0S'");
        });
        this.runner.withPropertyValues("apscheduler.jobstores.default.namespace=tenant").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("apscheduler.jobstores.default.namespace")
                .hasMessageContaining("apscheduler.jobstores.default.connect_string");
        });
    }

    @Test
    void typeZookeeperWithoutCuratorFailsTheStartupNamingTheDependency() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApschedulerZooKeeperAutoConfiguration.class,
                    ApschedulerAutoConfiguration.class))
            .withClassLoader(new FilteredClassLoader("org.apache.curator"))
            .withPropertyValues("apscheduler.jobstores.main.type=zookeeper")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(MissingJobStoreDependencyException.class)
                    .hasMessageStartingWith("apscheduler.jobstores.main.type")
                    .hasMessageContaining("org.apache.curator:curator-framework");
                FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure(), null);
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).contains("zookeeper");
                assertThat(analysis.getAction()).contains("org.apache.curator:curator-framework")
                    .contains("'apscheduler.jobstores.main.type'");
            });
    }

    /**
     * Keeps the stores the auto-configured factory creates, for the tests to look at.
     */
    static final class CreatedStores {

        final List<ZooKeeperJobStore> stores = new CopyOnWriteArrayList<>();

    }

    @Configuration(proxyBeanMethods = false)
    static class CapturingConfiguration {

        @Bean
        CreatedStores createdStores() {
            return new CreatedStores();
        }

        @Bean
        static BeanPostProcessor capturingFactory(ObjectProvider<CreatedStores> created) {
            return new BeanPostProcessor() {

                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (!(bean instanceof ZooKeeperJobStoreFactory factory)) {
                        return bean;
                    }
                    return new JobStoreFactory() {

                        @Override
                        public String type() {
                            return factory.type();
                        }

                        @Override
                        public JobStore create(ComponentOptions options) {
                            JobStore store = factory.create(options);
                            created.getObject().stores.add((ZooKeeperJobStore) store);
                            return store;
                        }

                    };
                }

            };
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class DedicatedClientConfiguration {

        @Bean(destroyMethod = "close")
        @ApschedulerCuratorFramework
        CuratorFramework schedulerCurator() {
            return ZooKeeperTestServer.client();
        }

        @Bean(destroyMethod = "close")
        CuratorFramework otherCurator() {
            return ZooKeeperTestServer.client();
        }

    }

}
