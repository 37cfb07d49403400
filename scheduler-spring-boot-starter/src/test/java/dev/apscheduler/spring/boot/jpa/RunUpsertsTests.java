package dev.apscheduler.spring.boot.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The history store writes with the upsert of each database it knows, and deletes and inserts on others.
 */
class RunUpsertsTests {

    @Test
    void choosesTheUpsertOfEachDatabase() {
        assertThat(RunUpserts.forDatabase("H2")).isEqualTo(RunUpserts.H2);
        assertThat(RunUpserts.forDatabase("PostgreSQL")).isEqualTo(RunUpserts.POSTGRESQL);
        assertThat(RunUpserts.forDatabase("MySQL")).isEqualTo(RunUpserts.MYSQL);
        assertThat(RunUpserts.forDatabase("MariaDB")).isEqualTo(RunUpserts.MYSQL);
        assertThat(RunUpserts.forDatabase("HSQL Database Engine")).isEqualTo(RunUpserts.STANDARD);
    }

}
