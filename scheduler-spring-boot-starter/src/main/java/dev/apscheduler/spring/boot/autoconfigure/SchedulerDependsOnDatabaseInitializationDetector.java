package dev.apscheduler.spring.boot.autoconfigure;

import java.util.Set;

import dev.apscheduler.Scheduler;
import dev.apscheduler.spring.boot.SchedulerLifecycle;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitializationDetector;

/**
 * A {@link DependsOnDatabaseInitializationDetector} that makes the scheduler and its lifecycle wait for database
 * initialisation (schema scripts, Flyway, Liquibase), so that a job store never reads a table that does not exist
 * yet.
 */
class SchedulerDependsOnDatabaseInitializationDetector
        extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

    @Override
    protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
        return Set.of(Scheduler.class, SchedulerLifecycle.class);
    }

}
