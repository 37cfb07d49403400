package dev.apscheduler.spring.boot.autoconfigure;

import dev.apscheduler.executor.process.ProcessPoolJobExecutor;
import dev.apscheduler.spring.boot.process.SpringProcessPoolJobExecutorFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@code processpool} executor type: workers that start
 * the application's own main class in worker mode, so that its bean tasks run there with their dependencies.
 */
@AutoConfiguration(before = ApschedulerAutoConfiguration.class)
@ConditionalOnClass(ProcessPoolJobExecutor.class)
@ConditionalOnBooleanProperty(name = "apscheduler.enabled", matchIfMissing = true)
public final class ApschedulerProcessPoolAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SpringProcessPoolJobExecutorFactory apschedulerProcessPoolJobExecutorFactory(ListableBeanFactory beanFactory) {
        return new SpringProcessPoolJobExecutorFactory(beanFactory);
    }

}
