package dev.apscheduler.benchmarks.runner;

import java.util.ArrayList;
import java.util.List;

import dev.apscheduler.spring.boot.jpa.JpaJobStoreFactory;

/**
 * Instances of an application using our JPA job store on one new PostgreSQL schema, as application instances sharing
 * a database are: each with its own Spring context (HikariCP pool, Hibernate, the store's factory, which wakes the
 * other instances through {@code LISTEN}/{@code NOTIFY}). Closing them drops the schema. For the benchmark programs
 * that build their schedulers themselves.
 */
public final class JpaInstances implements AutoCloseable {

    private final PostgresSchema schema;

    private final List<JpaStoreApplication> applications = new ArrayList<>();

    private JpaInstances(PostgresSchema schema) {
        this.schema = schema;
    }

    /**
     * Creates the schema fresh (dropping a leftover one) and starts the instances on it, one after the other.
     * @param environment where the server is
     * @param schemaName the schema's name, lower case
     * @param count how many instances
     * @return the instances
     */
    public static JpaInstances postgres(RunnerEnvironment environment, String schemaName, int count) {
        JpaInstances instances = new JpaInstances(PostgresSchema.create(environment, schemaName, 1, null));
        try {
            for (int i = 0; i < count; i++) {
                instances.applications.add(JpaStoreApplication.sharing(environment, instances.schema));
            }
            return instances;
        }
        catch (RuntimeException ex) {
            instances.close();
            throw ex;
        }
    }

    /**
     * Returns the store factory of one instance, for {@code SchedulerBuilder.jobStoreFactory}: stores of type
     * {@code jpa} on that instance's connections.
     * @param instance the instance, from zero
     * @return the factory
     */
    public JpaJobStoreFactory factory(int instance) {
        return this.applications.get(instance).factory();
    }

    /**
     * Describes the database and the store's setup, for the output.
     * @return the description
     */
    public String description() {
        return "jpa on PostgreSQL, schema " + this.schema.name() + " (Hibernate " + Versions.of("hibernate")
                + ", HikariCP " + Versions.of("hikaricp") + ")";
    }

    @Override
    public void close() {
        try {
            for (JpaStoreApplication application : this.applications) {
                application.close();
            }
        }
        finally {
            this.schema.close();
        }
    }

}
