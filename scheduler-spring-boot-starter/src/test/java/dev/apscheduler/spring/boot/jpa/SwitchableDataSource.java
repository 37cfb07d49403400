package dev.apscheduler.spring.boot.jpa;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source that a test switches off and on, standing for a database outage: while off, every connection
 * request fails as it would when the database is unreachable.
 */
final class SwitchableDataSource extends DelegatingDataSource implements AutoCloseable {

    private volatile boolean down;

    SwitchableDataSource(DataSource dataSource) {
        super(dataSource);
    }

    void goDown() {
        this.down = true;
    }

    void comeBack() {
        this.down = false;
    }

    @Override
    public Connection getConnection() throws SQLException {
        check();
        return super.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        check();
        return super.getConnection(username, password);
    }

    @Override
    public void close() throws Exception {
        if (getTargetDataSource() instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private void check() throws SQLException {
        if (this.down) {
            throw new SQLException("Connection refused: the database is down (test outage)", "08001");
        }
    }

    /**
     * Wraps the application's data source, so the entity manager factory uses the switchable one.
     */
    @Configuration(proxyBeanMethods = false)
    static class Wrapping {

        @Bean
        static BeanPostProcessor switchableDataSource() {
            return new BeanPostProcessor() {

                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return (bean instanceof DataSource dataSource && !(bean instanceof SwitchableDataSource))
                            ? new SwitchableDataSource(dataSource) : bean;
                }

            };
        }

    }

}
