package dev.apscheduler.spring.boot.autoconfigure;

import java.util.Set;

import dev.apscheduler.spring.boot.jpa.JpaHistoryStore;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitializationDetector;

/**
 * A {@link DependsOnDatabaseInitializationDetector} for the {@link JpaHistoryStore}: whoever reads or writes run
 * records through it does so only once its table exists.
 */
class JpaHistoryStoreDependsOnDatabaseInitializationDetector
        extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

    @Override
    protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
        return Set.of(JpaHistoryStore.class);
    }

}
