package dev.apscheduler.spring.boot.autoconfigure;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.spring.boot.jpa.ApschedulerTransactionManager;
import jakarta.persistence.EntityManagerFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.ResourceTransactionManager;

/**
 * Checks the transaction manager an application hands the {@code jpa} stores ({@link ApschedulerTransactionManager})
 * at startup: the stores work through an entity manager, so it must open that entity manager factory's transactions.
 */
final class SchedulerTransactionManagers {

    private SchedulerTransactionManagers() {
    }

    /**
     * Checks a transaction manager against the stores' entity manager factory.
     * @param transactionManager the qualified transaction manager, or {@code null}
     * @param entityManagerFactory the factory the stores work with
     * @return the transaction manager
     * @throws ConfigurationException if it manages another resource
     */
    static @Nullable PlatformTransactionManager check(@Nullable PlatformTransactionManager transactionManager,
            EntityManagerFactory entityManagerFactory) {
        if (transactionManager instanceof JpaTransactionManager jpa) {
            if (jpa.getEntityManagerFactory() != entityManagerFactory) {
                throw invalid(transactionManager, "manages another entity manager factory ("
                        + jpa.getEntityManagerFactory() + ") than the one the jpa stores use (" + entityManagerFactory
                        + ")");
            }
        }
        else if (transactionManager instanceof ResourceTransactionManager resource) {
            throw invalid(transactionManager, "manages " + resource.getResourceFactory()
                    + ", not the entity manager factory the jpa stores work through; use a JpaTransactionManager on "
                    + "that factory (or a JTA transaction manager)");
        }
        return transactionManager;
    }

    private static ConfigurationException invalid(PlatformTransactionManager transactionManager, String reason) {
        return new ConfigurationException(null, "The @ApschedulerTransactionManager bean ("
                + transactionManager.getClass().getName() + ") " + reason);
    }

}
