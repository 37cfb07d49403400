package dev.apscheduler.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.config.ConfigValues;
import dev.apscheduler.history.HistoryOptions;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * Reads the {@code apscheduler.history.*} properties into the core's {@link HistoryOptions}, checking each value so
 * that an error names the property key and the value (the options' own checks name the option, not the key).
 */
final class HistorySettings {

    private static final String PREFIX = "apscheduler.history.";

    static final String TYPE = PREFIX + "type";

    static final String MAX_AGE = PREFIX + "max-age";

    static final String MAX_RUNS_PER_JOB = PREFIX + "max-runs-per-job";

    static final String PRUNE_INTERVAL = PREFIX + "prune-interval";

    static final String BUFFER_SIZE = PREFIX + "buffer-size";

    /** The classes the {@code jpa} history needs: those the JPA auto-configuration is conditional on. */
    private static final List<String> JPA_REQUIREMENTS = List.of("jakarta.persistence.EntityManagerFactory",
            "org.springframework.orm.jpa.JpaTransactionManager",
            "org.springframework.boot.jdbc.init.DatabaseInitializationProperties");

    /** Named, not referenced, since it cannot be loaded without JPA. */
    private static final String JPA_AUTO_CONFIGURATION = "dev.apscheduler.spring.boot.autoconfigure."
            + "ApschedulerJpaAutoConfiguration";

    private HistorySettings() {
    }

    /**
     * Returns the history options the properties set.
     * @throws ConfigurationException naming the key and the value of the first invalid property
     */
    static HistoryOptions options(ApschedulerHistoryProperties properties) {
        Duration pruneInterval = properties.getPruneInterval();
        if (pruneInterval.isNegative() || pruneInterval.isZero()) {
            throw new ConfigurationException(PRUNE_INTERVAL, pruneInterval, "expected a positive duration");
        }
        if (properties.getBufferSize() < 1) {
            throw new ConfigurationException(BUFFER_SIZE, properties.getBufferSize(), "expected a number >= 1");
        }
        return new HistoryOptions(maxAge(properties.getMaxAge()), maxRunsPerJob(properties), pruneInterval,
                properties.getBufferSize());
    }

    /**
     * Returns how many records to keep per job.
     * @throws ConfigurationException naming the key and the value if it is below one
     */
    static int maxRunsPerJob(ApschedulerHistoryProperties properties) {
        if (properties.getMaxRunsPerJob() < 1) {
            throw new ConfigurationException(MAX_RUNS_PER_JOB, properties.getMaxRunsPerJob(),
                    "expected a number >= 1");
        }
        return properties.getMaxRunsPerJob();
    }

    /**
     * Explains why the {@code jpa} history could not be configured.
     * @param classLoader the application's class loader
     * @return the exception to stop the startup with
     */
    static ConfigurationException jpaUnavailable(@Nullable ClassLoader classLoader) {
        for (String requirement : JPA_REQUIREMENTS) {
            if (!ClassUtils.isPresent(requirement, classLoader)) {
                return new ConfigurationException(TYPE, TYPE + "=jpa keeps run records through JPA, which is not on "
                        + "the class path (" + requirement + " is missing): add the dependency "
                        + "org.springframework.boot:spring-boot-starter-data-jpa, define a HistoryStore bean, or set "
                        + TYPE + " to memory or none");
            }
        }
        return new ConfigurationException(TYPE, TYPE + "=jpa: no jpa history store was configured although JPA is "
                + "on the class path; is " + JPA_AUTO_CONFIGURATION + " excluded? Define a HistoryStore bean, or set "
                + TYPE + " to memory or none");
    }

    private static @Nullable Duration maxAge(String value) {
        String text = value.trim();
        if (text.isEmpty() || text.toLowerCase(Locale.ROOT).equals("none")) {
            return null;
        }
        Duration maxAge;
        try {
            maxAge = ConfigValues.duration(MAX_AGE, text);
        }
        catch (ConfigurationException ex) {
            maxAge = null;
        }
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new ConfigurationException(MAX_AGE, value,
                    "expected a positive duration (7d, 12h, PT72H, or seconds) or 'none' to keep records of any age");
        }
        return maxAge;
    }

}
