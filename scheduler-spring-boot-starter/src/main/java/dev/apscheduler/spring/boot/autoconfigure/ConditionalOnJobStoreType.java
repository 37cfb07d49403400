package dev.apscheduler.spring.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when a job store of one of the given types is configured under {@code apscheduler.jobstores.<alias>.type}
 * (compared ignoring case and surrounding blanks). It names no class of the store's technology, so that it also
 * decides when that technology is missing from the class path: the starter then offers a stand-in that fails at
 * start naming the dependency to add.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnJobStoreTypeCondition.class)
@interface ConditionalOnJobStoreType {

    /**
     * The store types, any of which matches.
     * @return the types, in lower case
     */
    String[] value();

}
