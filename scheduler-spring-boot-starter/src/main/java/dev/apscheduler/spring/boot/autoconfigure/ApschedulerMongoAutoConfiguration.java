package dev.apscheduler.spring.boot.autoconfigure;

import com.mongodb.client.MongoClient;
import dev.apscheduler.spring.boot.mongodb.ApschedulerMongoClient;
import dev.apscheduler.spring.boot.mongodb.MongoJobStore;
import dev.apscheduler.spring.boot.mongodb.MongoJobStoreFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the starter's {@code mongodb} job store, active when a store of that type is configured under
 * {@code apscheduler.jobstores.<alias>.type}. With Spring Data MongoDB and the synchronous driver on the class path it
 * contributes the {@link MongoJobStoreFactory}, on the MongoDB client qualified with {@link ApschedulerMongoClient} if
 * there is one, else on the application's client ({@code spring.mongodb.*}); without them, a stand-in whose stores
 * fail at startup naming the dependency to add.
 */
@AutoConfiguration(afterName = "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
        beforeName = "dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration")
@ConditionalOnBooleanProperty(name = "apscheduler.enabled", matchIfMissing = true)
@ConditionalOnJobStoreType(MongoJobStore.TYPE)
public final class ApschedulerMongoAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = { StoreDependencies.MONGODB_DRIVER_CLIENT, StoreDependencies.SPRING_DATA_MONGODB })
    static class JobStoreConfiguration {

        @Bean
        @ConditionalOnMissingBean
        MongoJobStoreFactory mongoJobStoreFactory(@ApschedulerMongoClient ObjectProvider<MongoClient> dedicated,
                ObjectProvider<MongoClient> client) {
            return new MongoJobStoreFactory(() -> {
                MongoClient own = dedicated.getIfAvailable();
                return (own != null) ? own : client.getObject();
            });
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass(StoreDependencies.MONGODB_DRIVER_CLIENT)
    static class MissingDriverConfiguration {

        @Bean
        MissingDependencyJobStoreFactory mongoJobStoreFactory() {
            return new MissingDependencyJobStoreFactory(MongoJobStore.TYPE,
                    StoreDependencies.MONGODB_DEPENDENCY, StoreDependencies.MONGODB_DRIVER_CLIENT);
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = StoreDependencies.MONGODB_DRIVER_CLIENT)
    @ConditionalOnMissingClass(StoreDependencies.SPRING_DATA_MONGODB)
    static class MissingSpringDataConfiguration {

        @Bean
        MissingDependencyJobStoreFactory mongoJobStoreFactory() {
            return new MissingDependencyJobStoreFactory(MongoJobStore.TYPE,
                    StoreDependencies.MONGODB_DEPENDENCY, StoreDependencies.SPRING_DATA_MONGODB);
        }

    }

}
