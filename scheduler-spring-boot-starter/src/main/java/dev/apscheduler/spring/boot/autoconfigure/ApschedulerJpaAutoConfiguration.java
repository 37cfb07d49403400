package dev.apscheduler.spring.boot.autoconfigure;

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
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;
import org.springframework.boot.sql.autoconfigure.init.OnDatabaseInitializationCondition;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Auto-configuration of the starter's JPA stores, active when one of them is asked for: the {@code jpa} job store
 * (alias {@code sqlalchemy}) when a store of that type is configured under {@code apscheduler.jobstores.<alias>.type},
 * the {@code jpa} history when {@code apscheduler.history.type=jpa}. For the job store it contributes the
 * {@link JpaJobStoreFactory} the scheduler's auto-configuration hands to the scheduler, and adds
 * {@link ApschedulerJobEntity} to the application's persistence unit without hiding its own entities (an
 * auto-configuration package, ordered before Hibernate's auto-configuration, never {@code @EntityScan}); for the
 * history it contributes the {@link JpaHistoryStore}, which needs no entity. Either way it creates the tables per
 * {@code apscheduler.jpa.initialize-schema}.
 *
 * <p>When the application declares an {@link ApschedulerDataSource}, the stores keep their tables there instead: they
 * get a persistence unit of their own on it and its transaction manager ({@link ApschedulerTransactionManager}, the
 * application's or an auto-configured one), the tables are created there, and the application's persistence unit is
 * left without the store's entity.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        beforeName = { "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
                "dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration" })
@ConditionalOnClass({ EntityManagerFactory.class, JpaTransactionManager.class, DatabaseInitializationProperties.class })
@ConditionalOnBooleanProperty(name = "apscheduler.enabled", matchIfMissing = true)
@Conditional(OnJpaStoresCondition.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
@EnableConfigurationProperties(ApschedulerJpaProperties.class)
public final class ApschedulerJpaAutoConfiguration {

    /**
     * The data source the entity manager factory uses, which is where the stores' rows are.
     */
    private static DataSource storeDataSource(EntityManagerFactory entityManagerFactory,
            ObjectProvider<DataSource> dataSource) {
        if (entityManagerFactory instanceof EntityManagerFactoryInfo info && info.getDataSource() != null) {
            return info.getDataSource();
        }
        return dataSource.getObject();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnJobStoreType({ JpaJobStore.TYPE, JpaJobStore.ALIAS })
    @Conditional(OnQualifiedBeanCondition.NoSchedulerDataSource.class)
    @AutoConfigurationPackage(basePackageClasses = ApschedulerJobEntity.class)
    @Import(EntityScanPackagesRegistrar.class)
    static class JobStoreConfiguration {

        @Bean
        @ConditionalOnMissingBean
        JpaJobStoreFactory jpaJobStoreFactory(EntityManagerFactory entityManagerFactory,
                ObjectProvider<DataSource> dataSource,
                @ApschedulerTransactionManager ObjectProvider<PlatformTransactionManager> transactionManager) {
            return new JpaJobStoreFactory(entityManagerFactory,
                    SchedulerTransactionManagers.check(transactionManager.getIfAvailable(), entityManagerFactory),
                    () -> RowLocking.detect(storeDataSource(entityManagerFactory, dataSource)),
                    () -> storeDataSource(entityManagerFactory, dataSource));
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = HistorySettings.TYPE, havingValue = "jpa")
    @Conditional(OnQualifiedBeanCondition.NoSchedulerDataSource.class)
    static class HistoryStoreConfiguration {

        @Bean
        @ConditionalOnMissingBean(HistoryStore.class)
        JpaHistoryStore apschedulerHistoryStore(EntityManagerFactory entityManagerFactory,
                ObjectProvider<DataSource> dataSource,
                @ApschedulerTransactionManager ObjectProvider<PlatformTransactionManager> transactionManager) {
            return new JpaHistoryStore(entityManagerFactory,
                    SchedulerTransactionManagers.check(transactionManager.getIfAvailable(), entityManagerFactory),
                    storeDataSource(entityManagerFactory, dataSource));
        }

    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(OnQualifiedBeanCondition.SchedulerDataSource.class)
    @Import(SchedulerDataSourceConfiguration.class)
    static class DedicatedDataSourceConfiguration {

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DataSourceScriptDatabaseInitializer.class)
    @Conditional(SchemaInitializationConfiguration.OnSchemaDataSourceCondition.class)
    static class SchemaInitializationConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @Conditional(OnApschedulerJpaSchemaInitializationCondition.class)
        ApschedulerJpaSchemaInitializer apschedulerJpaSchemaInitializer(ObjectProvider<DataSource> dataSource,
                @ApschedulerDataSource ObjectProvider<DataSource> schedulerDataSource,
                ApschedulerJpaProperties properties) {
            DataSource own = schedulerDataSource.getIfAvailable();
            return new ApschedulerJpaSchemaInitializer((own != null) ? own : dataSource.getObject(), properties);
        }

        /**
         * Matches when it is clear which data source holds the stores' tables: the scheduler's own, or the only (or
         * primary) data source of the application.
         */
        static class OnSchemaDataSourceCondition extends AnyNestedCondition {

            OnSchemaDataSourceCondition() {
                super(ConfigurationPhase.REGISTER_BEAN);
            }

            @Conditional(OnQualifiedBeanCondition.SchedulerDataSource.class)
            static class SchedulerDataSource {

            }

            @ConditionalOnSingleCandidate(DataSource.class)
            static class SingleDataSource {

            }

        }

        static class OnApschedulerJpaSchemaInitializationCondition extends OnDatabaseInitializationCondition {

            OnApschedulerJpaSchemaInitializationCondition() {
                super("APScheduler JPA", "apscheduler.jpa.initialize-schema");
            }

        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DataSourceScriptDatabaseInitializer.class)
    @ConditionalOnBean(DataSource.class)
    @Conditional(UndecidedSchemaDataSourceConfiguration.OnUndecidedCondition.class)
    static class UndecidedSchemaDataSourceConfiguration {

        @Bean
        @Conditional(SchemaInitializationConfiguration.OnApschedulerJpaSchemaInitializationCondition.class)
        UndecidedSchemaDataSource apschedulerUndecidedSchemaDataSource(ApschedulerJpaProperties properties,
                ListableBeanFactory beanFactory) {
            return UndecidedSchemaDataSource.report(properties, beanFactory);
        }

        /**
         * Matches when neither the scheduler's own data source nor a single (or primary) one of the application's
         * says where the tables go.
         */
        static class OnUndecidedCondition extends NoneNestedConditions {

            OnUndecidedCondition() {
                super(ConfigurationPhase.REGISTER_BEAN);
            }

            @Conditional(OnQualifiedBeanCondition.SchedulerDataSource.class)
            static class SchedulerDataSource {

            }

            @ConditionalOnSingleCandidate(DataSource.class)
            static class SingleDataSource {

            }

        }

    }

}
