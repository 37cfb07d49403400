package dev.apscheduler.spring.boot.autoconfigure;

import dev.apscheduler.spring.boot.zookeeper.ApschedulerCuratorFramework;
import dev.apscheduler.spring.boot.zookeeper.ZooKeeperJobStore;
import dev.apscheduler.spring.boot.zookeeper.ZooKeeperJobStoreFactory;
import org.apache.curator.framework.CuratorFramework;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the starter's {@code zookeeper} job store, active when a store of that type is configured
 * under {@code apscheduler.jobstores.<alias>.type}. With Apache Curator on the class path it contributes the
 * {@link ZooKeeperJobStoreFactory}: a store with a {@code connect-string} gets a client of its own; one without uses
 * the {@code CuratorFramework} bean qualified {@link ApschedulerCuratorFramework @ApschedulerCuratorFramework} if
 * there is one, else the application's only {@code CuratorFramework} bean. Without Curator, a stand-in whose stores
 * fail at startup naming the dependency to add.
 */
@AutoConfiguration(beforeName = "dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration")
@ConditionalOnBooleanProperty(name = "apscheduler.enabled", matchIfMissing = true)
@ConditionalOnJobStoreType(ZooKeeperJobStore.TYPE)
public final class ApschedulerZooKeeperAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = StoreDependencies.CURATOR)
    static class JobStoreConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ZooKeeperJobStoreFactory zooKeeperJobStoreFactory(
                @ApschedulerCuratorFramework ObjectProvider<CuratorFramework> dedicated,
                ObjectProvider<CuratorFramework> client) {
            return new ZooKeeperJobStoreFactory(() -> {
                CuratorFramework own = dedicated.getIfAvailable();
                return (own != null) ? own : client.getIfUnique();
            });
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass(StoreDependencies.CURATOR)
    static class MissingCuratorConfiguration {

        @Bean
        MissingDependencyJobStoreFactory zooKeeperJobStoreFactory() {
            return new MissingDependencyJobStoreFactory(ZooKeeperJobStore.TYPE,
                    StoreDependencies.CURATOR_DEPENDENCY, StoreDependencies.CURATOR);
        }

    }

}
