package dev.apscheduler.spring.boot.process;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.executor.JobExecutor;
import dev.apscheduler.executor.JobExecutorFactory;
import dev.apscheduler.executor.process.ProcessPoolJobExecutor;
import dev.apscheduler.executor.process.ProcessPoolJobExecutorFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.util.ClassUtils;

/**
 * The {@code processpool} executor type of a Spring Boot application: the core's, with {@code main_class} defaulting
 * to the application's {@code @SpringBootApplication} (or other {@code @SpringBootConfiguration}) class that has a
 * {@code main} method, so that the workers start the application itself in worker mode and run its bean tasks.
 */
public final class SpringProcessPoolJobExecutorFactory implements JobExecutorFactory {

    private final ProcessPoolJobExecutorFactory delegate = new ProcessPoolJobExecutorFactory();

    private final ListableBeanFactory beanFactory;

    /**
     * Creates the factory.
     * @param beanFactory where the application's configuration class is looked up
     */
    public SpringProcessPoolJobExecutorFactory(ListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public String type() {
        return this.delegate.type();
    }

    @Override
    public List<String> aliases() {
        return this.delegate.aliases();
    }

    @Override
    public JobExecutor create(ComponentOptions options) {
        if (options.string("main_class").filter((name) -> !name.isEmpty()).isPresent()) {
            return this.delegate.create(options);
        }
        Map<String, Object> withMain = new LinkedHashMap<>(options.asMap());
        withMain.remove("main_class");
        withMain.put("main_class", applicationMainClass(options));
        return this.delegate.create(ComponentOptions.of(options.keyPrefix(), withMain));
    }

    private String applicationMainClass(ComponentOptions options) {
        Set<String> candidates = new TreeSet<>();
        for (String name : this.beanFactory.getBeanNamesForAnnotation(SpringBootConfiguration.class)) {
            Class<?> type = this.beanFactory.getType(name);
            if (type != null && hasMain(ClassUtils.getUserClass(type))) {
                candidates.add(ClassUtils.getUserClass(type).getName());
            }
        }
        if (candidates.size() != 1) {
            throw new ConfigurationException(options.keyFor("main_class"), "Executor type '"
                    + ProcessPoolJobExecutor.TYPE + "' starts the application's main class in its workers, and "
                    + (candidates.isEmpty() ? "no @SpringBootConfiguration class with a main method was found"
                            : "several @SpringBootConfiguration classes have a main method: " + candidates)
                    + ": set " + options.keyFor("main_class").replace('_', '-'));
        }
        return candidates.iterator().next();
    }

    private static boolean hasMain(Class<?> type) {
        try {
            Method main = type.getMethod("main", String[].class);
            return Modifier.isStatic(main.getModifiers());
        }
        catch (NoSuchMethodException ex) {
            return false;
        }
    }

}
