package dev.apscheduler.spring.boot.jpa;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Qualifies the {@code DataSource} the scheduler's {@code jpa} job stores and {@code jpa} history keep their tables in,
 * when they should not use the application's own, as {@code @QuartzDataSource} does for Spring Boot's Quartz support.
 * The starter then gives the stores a persistence unit of their own on it (managing only the job store's entity, with
 * nothing from {@code spring.jpa.*}), a {@code JpaTransactionManager} named {@code apschedulerTransactionManager}
 * (qualified {@link ApschedulerTransactionManager}) unless the application defines one, and creates the tables there
 * per {@code apscheduler.jpa.initialize-schema}. The application's own data source, entity manager factory and
 * transaction manager are left as they are. Declare the bean with {@code @Bean(defaultCandidate = false)} so that
 * Spring Boot still auto-configures the application's data source.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE,
        ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface ApschedulerDataSource {

}
