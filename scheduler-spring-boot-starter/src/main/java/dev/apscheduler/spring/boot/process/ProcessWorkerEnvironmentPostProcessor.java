package dev.apscheduler.spring.boot.process;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.apscheduler.executor.process.ProcessWorker;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Switches an application started as a process pool worker ({@link ProcessWorker#isWorker()}) to worker mode, ahead
 * of its own configuration: no web server, the scheduler not started (so no job is registered, reconciled or run
 * there, while the bean tasks are still registered), no banner, no management endpoints and no JMX. Outside a worker
 * it does nothing.
 */
public final class ProcessWorkerEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** The name of the property source that holds the worker-mode settings. */
    public static final String PROPERTY_SOURCE_NAME = "apschedulerProcessWorker";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!ProcessWorker.isWorker()) {
            return;
        }
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, settings()));
    }

    static Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("spring.main.web-application-type", "none");
        settings.put("spring.main.banner-mode", "off");
        settings.put("spring.jmx.enabled", "false");
        settings.put("apscheduler.auto-startup", "false");
        settings.put("management.endpoints.access.default", "none");
        settings.put("management.endpoints.web.exposure.exclude", "*");
        settings.put("management.endpoints.jmx.exposure.exclude", "*");
        return settings;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

}
