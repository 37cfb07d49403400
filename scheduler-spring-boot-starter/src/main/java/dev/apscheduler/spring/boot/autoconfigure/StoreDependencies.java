package dev.apscheduler.spring.boot.autoconfigure;

/**
 * The class names the optional job stores' auto-configurations test for, and the dependencies that bring them: named
 * as strings so that the conditions decide without loading them.
 */
final class StoreDependencies {

    /** The dependency that brings what the {@code zookeeper} job store needs. */
    static final String CURATOR_DEPENDENCY = "org.apache.curator:curator-framework";

    /** Curator's client, which the {@code zookeeper} store uses. */
    static final String CURATOR = "org.apache.curator.framework.CuratorFramework";

    /** The dependency that brings what the {@code mongodb} job store needs. */
    static final String MONGODB_DEPENDENCY = "org.springframework.boot:spring-boot-starter-data-mongodb";

    /** The synchronous driver's client, which the {@code mongodb} store uses. */
    static final String MONGODB_DRIVER_CLIENT = "com.mongodb.client.MongoClient";

    /** Spring Data MongoDB, which the starter's MongoDB support is built on. */
    static final String SPRING_DATA_MONGODB = "org.springframework.data.mongodb.core.MongoTemplate";

    private StoreDependencies() {
    }

}
