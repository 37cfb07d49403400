package dev.apscheduler.spring.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Qualifies a {@code RedisConnectionFactory} bean as the one the scheduler's {@code redis} job stores use, when they
 * should not use the application's own (the one {@code spring.data.redis.*} configures), as {@code @QuartzDataSource}
 * does for Spring Boot's Quartz support.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface ApschedulerRedisConnectionFactory {

}
