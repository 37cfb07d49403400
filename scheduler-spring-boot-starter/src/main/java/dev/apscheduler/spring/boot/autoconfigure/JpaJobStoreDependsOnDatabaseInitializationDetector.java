package dev.apscheduler.spring.boot.autoconfigure;

import java.util.Set;

import dev.apscheduler.spring.boot.jpa.JpaJobStoreFactory;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitializationDetector;

/**
 * A {@link DependsOnDatabaseInitializationDetector} for the {@link JpaJobStoreFactory}: the stores it creates, and so
 * the scheduler that is built with it, are used only once the store's table exists.
 */
class JpaJobStoreDependsOnDatabaseInitializationDetector
        extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

    @Override
    protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
        return Set.of(JpaJobStoreFactory.class);
    }

}
