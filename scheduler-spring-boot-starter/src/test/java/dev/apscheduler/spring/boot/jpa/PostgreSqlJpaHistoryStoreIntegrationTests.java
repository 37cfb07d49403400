package dev.apscheduler.spring.boot.jpa;

/**
 * The history store contract for the JPA history on the PostgreSQL server, which writes with
 * {@code INSERT ... ON CONFLICT}.
 */
class PostgreSqlJpaHistoryStoreIntegrationTests extends JpaHistoryStoreContractTestSupport {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }

    @Override
    RunUpserts detectedUpserts() {
        return RunUpserts.POSTGRESQL;
    }

}
