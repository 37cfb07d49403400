package dev.apscheduler.spring.boot.jpa;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source that records what the application asks of the database while recording is on: the text of every
 * statement, the parameters of prepared ones, and how many rows each query's result set handed over. Tests use it to
 * prove that an operation reads only what it needs, and to {@code EXPLAIN} the statements the store really issued.
 */
final class InspectingDataSource extends DelegatingDataSource implements AutoCloseable {

    private final List<Issued> issued = new CopyOnWriteArrayList<>();

    private volatile boolean recording;

    InspectingDataSource(DataSource dataSource) {
        super(dataSource);
    }

    /**
     * Forgets what was recorded and records from now on.
     */
    void record() {
        this.issued.clear();
        this.recording = true;
    }

    /**
     * Stops recording and returns the statements issued since {@link #record()}.
     */
    List<Issued> stop() {
        this.recording = false;
        return List.copyOf(this.issued);
    }

    @Override
    public void close() throws Exception {
        if (getTargetDataSource() instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connection(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return connection(super.getConnection(username, password));
    }

    private Connection connection(Connection connection) {
        return proxy(Connection.class, connection, (method, args, result) -> {
            if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql) {
                return prepared((PreparedStatement) result, sql);
            }
            if (method.getName().equals("createStatement")) {
                return plain((Statement) result);
            }
            return result;
        });
    }

    private Object prepared(PreparedStatement statement, String sql) {
        Map<Integer, @Nullable Object> parameters = new TreeMap<>();
        Issued[] last = new Issued[1];
        return proxy(PreparedStatement.class, statement, (method, args, result) -> {
            String name = method.getName();
            if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
                parameters.put(index, args[1]);
            }
            else if (name.equals("clearParameters")) {
                parameters.clear();
            }
            else if (name.startsWith("execute") && (args == null || args.length == 0)) {
                last[0] = issue(sql, new TreeMap<>(parameters));
                if (result instanceof ResultSet resultSet && last[0] != null) {
                    return counting(resultSet, last[0]);
                }
            }
            else if (name.equals("getResultSet") && result instanceof ResultSet resultSet && last[0] != null) {
                return counting(resultSet, last[0]);
            }
            return result;
        });
    }

    private Object plain(Statement statement) {
        return proxy(Statement.class, statement, (method, args, result) -> {
            if (method.getName().startsWith("execute") && args != null && args[0] instanceof String sql) {
                Issued issued = issue(sql, Map.of());
                if (result instanceof ResultSet resultSet && issued != null) {
                    return counting(resultSet, issued);
                }
            }
            return result;
        });
    }

    private @Nullable Issued issue(String sql, Map<Integer, @Nullable Object> parameters) {
        if (!this.recording) {
            return null;
        }
        Issued issued = new Issued(sql, parameters, new AtomicInteger());
        this.issued.add(issued);
        return issued;
    }

    private static Object counting(ResultSet resultSet, Issued issued) {
        return proxy(ResultSet.class, resultSet, (method, args, result) -> {
            if (method.getName().equals("next") && Boolean.TRUE.equals(result)) {
                issued.rows().incrementAndGet();
            }
            return result;
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, AfterCall after) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result;
            try {
                result = method.invoke(target, args);
            }
            catch (InvocationTargetException ex) {
                throw ex.getCause();
            }
            if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                return result;
            }
            return after.apply(method, args, result);
        };
        return (T) Proxy.newProxyInstance(InspectingDataSource.class.getClassLoader(), new Class<?>[] { type },
                handler);
    }

    @FunctionalInterface
    private interface AfterCall {

        @Nullable Object apply(Method method, Object @Nullable [] args, @Nullable Object result) throws Throwable;

    }

    /**
     * One statement the application issued while recording was on.
     *
     * @param sql its text
     * @param parameters the values bound to its parameters, by position
     * @param rows how many rows its result set handed over
     */
    record Issued(String sql, Map<Integer, @Nullable Object> parameters, AtomicInteger rows) {

        boolean isQuery() {
            return this.sql.stripLeading().regionMatches(true, 0, "select", 0, 6);
        }

        boolean readsJobStates() {
            return isQuery() && this.sql.toLowerCase(java.util.Locale.ROOT).contains("job_state");
        }

        @Override
        public String toString() {
            return this.sql + " " + this.parameters + " -> " + this.rows + " row(s)";
        }

    }

}
