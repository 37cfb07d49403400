package dev.apscheduler.spring.boot.annotation;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.apscheduler.job.JobContext;
import dev.apscheduler.spring.boot.DeclaredJob;
import dev.apscheduler.spring.boot.DeclaredTask;
import dev.apscheduler.spring.boot.JobDeclarations;
import dev.apscheduler.spring.boot.MethodTask;
import dev.apscheduler.spring.boot.annotation.ScheduledJobMethods.Annotations;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.config.EmbeddedValueResolver;
import org.springframework.util.StringValueResolver;

/**
 * Finds {@link ScheduledJob} and {@link JobTask} methods on every bean, proxies included (the annotations are read
 * from the target class, the method is called through the proxy), and declares their tasks and jobs in
 * {@link JobDeclarations}; the scheduler's lifecycle adds the jobs when it starts.
 *
 * <p>Each annotated method becomes one task, named by its {@code @JobTask} value, else {@code beanName.methodName};
 * each {@code @ScheduledJob} on it becomes one job of that task. A {@code @ScheduledJob} method takes no parameter or
 * a {@link JobContext}; a {@code @JobTask} method may also take parameters bound from the job's arguments.
 */
public final class ScheduledJobAnnotationBeanPostProcessor implements BeanPostProcessor, BeanFactoryAware {

    private final JobDeclarations declarations;

    private final Set<Class<?>> nonAnnotatedClasses = ConcurrentHashMap.newKeySet();

    private @Nullable StringValueResolver resolver;

    /**
     * Creates the post-processor.
     * @param declarations where to declare the tasks and jobs found
     */
    public ScheduledJobAnnotationBeanPostProcessor(JobDeclarations declarations) {
        this.declarations = Objects.requireNonNull(declarations, "declarations");
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        if (beanFactory instanceof ConfigurableBeanFactory configurable) {
            this.resolver = new EmbeddedValueResolver(configurable);
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AopInfrastructureBean || bean instanceof JobDeclarations) {
            return bean;
        }
        Class<?> targetClass = AopProxyUtils.ultimateTargetClass(bean);
        if (this.nonAnnotatedClasses.contains(targetClass)) {
            return bean;
        }
        Map<Method, Annotations> methods = ScheduledJobMethods.find(targetClass);
        if (methods.isEmpty()) {
            this.nonAnnotatedClasses.add(targetClass);
            return bean;
        }
        methods.forEach((method, annotations) -> declare(bean, beanName, method, annotations));
        return bean;
    }

    private void declare(Object bean, String beanName, Method method, Annotations annotations) {
        JobTask jobTask = annotations.task();
        MethodDeclarationSource source = new MethodDeclarationSource(beanName, method,
                (jobTask != null) ? "value" : null);
        MethodTask task;
        try {
            task = new MethodTask(bean, method);
        }
        catch (IllegalStateException ex) {
            throw source.invalid(null, "the method cannot be called through the bean's proxy: " + ex.getMessage(),
                    ex);
        }
        if (!annotations.jobs().isEmpty()) {
            requireNoArguments(source, method);
        }
        StringValueResolver resolver = resolver();
        String taskName = taskName(jobTask, beanName, method, resolver, source);
        this.declarations.addTask(new DeclaredTask(taskName, task, source));
        for (ScheduledJob job : annotations.jobs()) {
            ScheduledJobDeclaration declaration = ScheduledJobDeclaration.resolve(job, beanName, method, resolver);
            this.declarations.addJob(new DeclaredJob(declaration.toSpec(taskName), source));
        }
    }

    private static void requireNoArguments(MethodDeclarationSource source, Method method) {
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (types[i] != JobContext.class) {
                throw source.invalid(null, "parameter '" + method.getParameters()[i].getName() + "' of type "
                        + types[i].getName() + " cannot be supplied: a @ScheduledJob method takes no parameter or "
                        + "a JobContext (a @JobTask method run by a job with arguments may take more)", null);
            }
        }
    }

    private static String taskName(@Nullable JobTask jobTask, String beanName, Method method,
            StringValueResolver resolver, MethodDeclarationSource source) {
        if (jobTask != null && !jobTask.value().isBlank()) {
            String resolved;
            try {
                resolved = resolver.resolveStringValue(jobTask.value());
            }
            catch (IllegalArgumentException ex) {
                throw source.invalid("task", "cannot resolve '" + jobTask.value() + "': " + ex.getMessage(), ex);
            }
            if (resolved != null && !resolved.isBlank()) {
                return resolved.trim();
            }
        }
        return beanName + "." + method.getName();
    }

    private StringValueResolver resolver() {
        return (this.resolver != null) ? this.resolver : (value) -> value;
    }

}
