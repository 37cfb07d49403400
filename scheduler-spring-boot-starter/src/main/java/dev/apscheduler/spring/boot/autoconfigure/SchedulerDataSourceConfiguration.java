package dev.apscheduler.spring.boot.autoconfigure;

import java.util.Map;

import javax.sql.DataSource;

import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.spring.boot.jpa.ApschedulerDataSource;
import dev.apscheduler.spring.boot.jpa.ApschedulerJobEntity;
import dev.apscheduler.spring.boot.jpa.ApschedulerTransactionManager;
import dev.apscheduler.spring.boot.jpa.JpaHistoryStore;
import dev.apscheduler.spring.boot.jpa.JpaJobStore;
import dev.apscheduler.spring.boot.jpa.JpaJobStoreFactory;
import dev.apscheduler.spring.boot.jpa.RowLocking;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The scheduler's own database, when the application declares an {@link ApschedulerDataSource}: a persistence unit
 * of the stores' own on it (Hibernate, only the job store's entity, no schema generation, nothing from
 * {@code spring.jpa.*}), its {@code JpaTransactionManager} unless the application declares an
 * {@link ApschedulerTransactionManager}, and the stores on them. Both beans are declared with
 * {@code defaultCandidate = false}, so that the application's own entity manager factory and transaction manager are
 * still auto-configured and stay the ones injected by type.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.hibernate.jpa.HibernatePersistenceProvider")
class SchedulerDataSourceConfiguration {

    /** The name of the stores' entity manager factory. */
    static final String ENTITY_MANAGER_FACTORY = "apschedulerEntityManagerFactory";

    /** The name of the auto-configured transaction manager of the scheduler's own database. */
    static final String TRANSACTION_MANAGER = "apschedulerTransactionManager";

    /** The name of the stores' persistence unit. */
    static final String PERSISTENCE_UNIT = "apscheduler";

    @Bean(name = ENTITY_MANAGER_FACTORY, defaultCandidate = false)
    LocalContainerEntityManagerFactoryBean apschedulerEntityManagerFactory(
            @ApschedulerDataSource DataSource dataSource) {
        LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
        factory.setPersistenceUnitName(PERSISTENCE_UNIT);
        factory.setDataSource(dataSource);
        factory.setPackagesToScan(ApschedulerJobEntity.class.getPackageName());
        factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
        factory.setJpaPropertyMap(Map.of("hibernate.hbm2ddl.auto", "none"));
        return factory;
    }

    @Bean(name = TRANSACTION_MANAGER, defaultCandidate = false)
    @ApschedulerTransactionManager
    @Conditional(OnQualifiedBeanCondition.NoSchedulerTransactionManager.class)
    JpaTransactionManager apschedulerTransactionManager(
            @Qualifier(ENTITY_MANAGER_FACTORY) EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnJobStoreType({ JpaJobStore.TYPE, JpaJobStore.ALIAS })
    JpaJobStoreFactory jpaJobStoreFactory(@Qualifier(ENTITY_MANAGER_FACTORY) EntityManagerFactory entityManagerFactory,
            @ApschedulerDataSource DataSource dataSource,
            @ApschedulerTransactionManager PlatformTransactionManager transactionManager) {
        return new JpaJobStoreFactory(entityManagerFactory,
                SchedulerTransactionManagers.check(transactionManager, entityManagerFactory),
                () -> RowLocking.detect(dataSource), () -> dataSource);
    }

    @Bean
    @ConditionalOnMissingBean(HistoryStore.class)
    @ConditionalOnProperty(name = HistorySettings.TYPE, havingValue = "jpa")
    JpaHistoryStore apschedulerHistoryStore(
            @Qualifier(ENTITY_MANAGER_FACTORY) EntityManagerFactory entityManagerFactory,
            @ApschedulerDataSource DataSource dataSource,
            @ApschedulerTransactionManager PlatformTransactionManager transactionManager) {
        return new JpaHistoryStore(entityManagerFactory,
                SchedulerTransactionManagers.check(transactionManager, entityManagerFactory), dataSource);
    }

}
