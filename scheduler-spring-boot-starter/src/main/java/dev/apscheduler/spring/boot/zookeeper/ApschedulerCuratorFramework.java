package dev.apscheduler.spring.boot.zookeeper;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Marks the Curator client ({@code org.apache.curator.framework.CuratorFramework}) the scheduler's {@code zookeeper}
 * job stores use when they are given no {@code connect-string} of their own: qualify a bean with it to hand the
 * scheduler a client configured in code (or the application's own ZooKeeper client). The store starts it if it has
 * not been started, and never closes it.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE,
        ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface ApschedulerCuratorFramework {

}
