package dev.apscheduler.spring.boot.autoconfigure;

import java.util.Map;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PropertiesBasedDataSourceScriptDatabaseInitializer;

/**
 * {@link DataSourceScriptDatabaseInitializer} that creates the tables of the {@code jpa} job store and the {@code jpa}
 * history, as Boot's Quartz support creates Quartz's: MariaDB uses the {@code mysql} script. May be registered as a
 * bean to replace the auto-configured one.
 */
public class ApschedulerJpaSchemaInitializer
        extends PropertiesBasedDataSourceScriptDatabaseInitializer<ApschedulerJpaProperties> {

    /**
     * Creates the initializer.
     * @param dataSource the data source the tables live in
     * @param properties the {@code apscheduler.jpa.*} settings
     */
    public ApschedulerJpaSchemaInitializer(DataSource dataSource, ApschedulerJpaProperties properties) {
        super(dataSource, properties, Map.of(DatabaseDriver.MARIADB, "mysql"));
    }

}
