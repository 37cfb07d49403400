package dev.apscheduler.spring.boot.jpa;

/**
 * The job store contract for the JPA store on the MariaDB server, whose acquire step skips locked rows.
 */
class MariaDbJpaJobStoreIntegrationTests extends JpaJobStoreContractTestSupport {

    @Override
    TestDatabase database() {
        return TestDatabase.MARIADB;
    }

}
