package dev.apscheduler.spring.boot.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;

/**
 * Settings of the tables of the {@code jpa} job store and the {@code jpa} history ({@code apscheduler.jpa.*}): whether
 * the starter creates them ({@code initialize-schema}: {@code embedded}, the default, {@code always} or
 * {@code never}), from which script ({@code schema}, with {@code @@platform@@} replaced by {@code h2},
 * {@code postgresql} or {@code mysql}), and whether a failing statement stops the start ({@code continue-on-error}).
 * The scripts only create what is missing, so {@code always} never loses jobs or run records. The job store's own
 * options ({@code max-wait}) are set per store, under {@code apscheduler.jobstores.<alias>}; the history's under
 * {@code apscheduler.history}.
 */
@ConfigurationProperties("apscheduler.jpa")
public class ApschedulerJpaProperties extends DatabaseInitializationProperties {

    /** Where the schema scripts are, one per platform. */
    public static final String DEFAULT_SCHEMA_LOCATION = "classpath:dev/apscheduler/spring/boot/jpa/"
            + "schema-@@platform@@.sql";

    @Override
    public String getDefaultSchemaLocation() {
        return DEFAULT_SCHEMA_LOCATION;
    }

}
