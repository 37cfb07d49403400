package dev.apscheduler.spring.boot.jpa;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Qualifies the {@code PlatformTransactionManager} the scheduler's {@code jpa} job stores and {@code jpa} history run
 * their work through, as {@code @QuartzTransactionManager} does for Spring Boot's Quartz support. It must manage the
 * stores' entity manager factory: a {@code JpaTransactionManager} on it (the application's, or the scheduler's own
 * when an {@link ApschedulerDataSource} is declared), or a JTA transaction manager. Without one, the stores use a
 * {@code JpaTransactionManager} of their own on that factory; either way, adding, changing or removing a job inside a
 * transaction of that factory joins it, and the job's events are published once it commits.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE,
        ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface ApschedulerTransactionManager {

}
