package dev.apscheduler.spring.boot.mongodb;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Marks the MongoDB client ({@code com.mongodb.client.MongoClient}) the scheduler's {@code mongodb} job stores use
 * instead of the application's own: qualify a bean with it to keep the scheduler's jobs on another deployment.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE,
        ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface ApschedulerMongoClient {

}
