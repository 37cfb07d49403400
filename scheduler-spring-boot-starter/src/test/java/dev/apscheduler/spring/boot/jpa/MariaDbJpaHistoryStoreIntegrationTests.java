package dev.apscheduler.spring.boot.jpa;

/**
 * The history store contract for the JPA history on the MariaDB server, which writes with
 * {@code INSERT ... ON DUPLICATE KEY UPDATE}.
 */
class MariaDbJpaHistoryStoreIntegrationTests extends JpaHistoryStoreContractTestSupport {

    @Override
    TestDatabase database() {
        return TestDatabase.MARIADB;
    }

    @Override
    RunUpserts detectedUpserts() {
        return RunUpserts.MYSQL;
    }

}
