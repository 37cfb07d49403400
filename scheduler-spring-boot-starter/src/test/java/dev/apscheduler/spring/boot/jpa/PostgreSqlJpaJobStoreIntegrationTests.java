package dev.apscheduler.spring.boot.jpa;

/**
 * The job store contract for the JPA store on the PostgreSQL server, whose acquire step skips locked rows.
 */
class PostgreSqlJpaJobStoreIntegrationTests extends JpaJobStoreContractTestSupport {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }

}
