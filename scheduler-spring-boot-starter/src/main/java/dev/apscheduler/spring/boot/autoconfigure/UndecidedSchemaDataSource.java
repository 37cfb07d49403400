package dev.apscheduler.spring.boot.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.spring.boot.jpa.ApschedulerDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * Says, at startup, that the tables of the {@code jpa} stores cannot be created because the application has several
 * data sources, none of them primary nor qualified {@link ApschedulerDataSource}: with
 * {@code apscheduler.jpa.initialize-schema=always} the startup stops, since the tables were asked for; with
 * {@code embedded} a warning is logged, and the application runs on whatever tables it already has.
 */
final class UndecidedSchemaDataSource {

    private static final Logger logger = LoggerFactory.getLogger(UndecidedSchemaDataSource.class);

    private static final String PROPERTY = "apscheduler.jpa.initialize-schema";

    private UndecidedSchemaDataSource() {
    }

    /**
     * Reports the data sources the tables could go to.
     * @param properties the {@code apscheduler.jpa.*} settings
     * @param beanFactory where the data sources are
     * @return the report, a bean of its own so that it is made once at startup
     * @throws ConfigurationException if the tables were asked for with {@code always}
     */
    static UndecidedSchemaDataSource report(ApschedulerJpaProperties properties, ListableBeanFactory beanFactory) {
        List<String> names = List.of(beanFactory.getBeanNamesForType(DataSource.class));
        String message = "The tables of the jpa stores cannot be created: the application has several DataSources "
                + names + " and none is @Primary or qualified @" + ApschedulerDataSource.class.getSimpleName()
                + "; qualify the scheduler's one, or create the tables with Flyway or Liquibase and set " + PROPERTY
                + "=never";
        if (properties.getInitializeSchema() == DatabaseInitializationMode.ALWAYS) {
            throw new ConfigurationException(PROPERTY, message);
        }
        logger.warn(message);
        return new UndecidedSchemaDataSource();
    }

}
