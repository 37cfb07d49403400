package dev.apscheduler.spring.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.apscheduler.executor.JobExecutor;
import dev.apscheduler.store.JobStore;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The application's own {@link JobStore} and {@link JobExecutor} beans, by the alias the scheduler registers them
 * under: the bean name without a {@code JobStore} suffix (stores) or {@code JobExecutor} / {@code Executor} suffix
 * (executors), so that a bean named {@code defaultJobStore} is the {@code default} store and one named
 * {@code reportsExecutor} the {@code reports} executor; any other bean name is the alias as it is.
 */
final class ComponentBeans {

    private ComponentBeans() {
    }

    static Map<String, JobStore> jobStores(ListableBeanFactory beanFactory) {
        Map<String, JobStore> stores = new LinkedHashMap<>();
        beanFactory.getBeansOfType(JobStore.class).forEach((name, store) -> stores.put(alias(name, "JobStore"), store));
        return stores;
    }

    static Map<String, JobExecutor> executors(ListableBeanFactory beanFactory) {
        Map<String, JobExecutor> executors = new LinkedHashMap<>();
        beanFactory.getBeansOfType(JobExecutor.class)
            .forEach((name, executor) -> executors.put(alias(name, "JobExecutor", "Executor"), executor));
        return executors;
    }

    static String alias(String beanName, String... suffixes) {
        for (String suffix : suffixes) {
            if (beanName.endsWith(suffix) && beanName.length() > suffix.length()) {
                return beanName.substring(0, beanName.length() - suffix.length());
            }
        }
        return beanName;
    }

}
