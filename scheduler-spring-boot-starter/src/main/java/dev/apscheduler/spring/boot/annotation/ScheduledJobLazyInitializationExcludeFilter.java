package dev.apscheduler.spring.boot.annotation;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.util.ClassUtils;

/**
 * Keeps beans that declare {@link ScheduledJob} or {@link JobTask} methods out of lazy initialisation
 * ({@code spring.main.lazy-initialization=true}): nothing else asks for them, and their jobs and tasks must exist
 * when the scheduler starts.
 */
public final class ScheduledJobLazyInitializationExcludeFilter implements LazyInitializationExcludeFilter {

    private final Set<Class<?>> nonAnnotatedClasses = ConcurrentHashMap.newKeySet(64);

    /**
     * Creates the filter.
     */
    public ScheduledJobLazyInitializationExcludeFilter() {
        this.nonAnnotatedClasses.add(AopInfrastructureBean.class);
    }

    @Override
    public boolean isExcluded(String beanName, BeanDefinition beanDefinition, Class<?> beanType) {
        Class<?> targetType = ClassUtils.getUserClass(beanType);
        if (this.nonAnnotatedClasses.contains(targetType)) {
            return false;
        }
        boolean annotated = !ScheduledJobMethods.find(targetType).isEmpty();
        if (!annotated) {
            this.nonAnnotatedClasses.add(targetType);
        }
        return annotated;
    }

}
