package dev.apscheduler.spring.boot.zookeeper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.config.ComponentOptions;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.utils.PathUtils;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.jspecify.annotations.Nullable;

/**
 * Reads the connection options of a {@code zookeeper} store and builds its own Curator client from them:
 * {@code connect_string} (APScheduler's, that is kazoo's, {@code hosts} is accepted too), {@code session_timeout},
 * {@code connection_timeout}, an exponential back-off retry policy ({@code retry_base_sleep}, {@code retry_max_sleep},
 * {@code retry_max_retries}), {@code namespace}, {@code digest} credentials and the {@code acl} of created znodes.
 */
final class ZooKeeperClientOptions {

    static final String CONNECT_STRING = "connect_string";

    static final String HOSTS = "hosts";

    static final String SESSION_TIMEOUT = "session_timeout";

    static final String CONNECTION_TIMEOUT = "connection_timeout";

    static final String RETRY_BASE_SLEEP = "retry_base_sleep";

    static final String RETRY_MAX_SLEEP = "retry_max_sleep";

    static final String RETRY_MAX_RETRIES = "retry_max_retries";

    static final String NAMESPACE = "namespace";

    static final String DIGEST = "digest";

    static final String ACL = "acl";

    static final List<String> NAMES = List.of(CONNECT_STRING, HOSTS, SESSION_TIMEOUT, CONNECTION_TIMEOUT,
            RETRY_BASE_SLEEP, RETRY_MAX_SLEEP, RETRY_MAX_RETRIES, NAMESPACE, DIGEST, ACL);

    private ZooKeeperClientOptions() {
    }

    /**
     * Returns the connect string the options give, if any.
     */
    static Optional<String> connectString(ComponentOptions options) {
        Optional<String> connectString = options.string(CONNECT_STRING);
        Optional<String> hosts = options.string(HOSTS);
        if (connectString.isPresent() && hosts.isPresent()) {
            throw new ConfigurationException(options.keyFor(HOSTS), options.keyFor(HOSTS) + ": give either "
                    + options.keyFor(CONNECT_STRING) + " or " + options.keyFor(HOSTS) + ", not both");
        }
        String name = connectString.isPresent() ? CONNECT_STRING : HOSTS;
        Optional<String> value = connectString.or(() -> hosts);
        if (value.isPresent() && value.get().isBlank()) {
            throw new ConfigurationException(options.keyFor(name), options.raw(name).orElse(""),
                    "expected a ZooKeeper connect string such as 'zk1:2181,zk2:2181,zk3:2181'");
        }
        return value;
    }

    /**
     * Fails when connection options are given without a connect string: they would have no client to configure.
     */
    static void requireNoneWithout(ComponentOptions options) {
        for (String name : NAMES) {
            if (options.raw(name).isPresent()) {
                throw new ConfigurationException(options.keyFor(name), options.keyFor(name) + ": configures the "
                        + "store's own ZooKeeper client, which is made only with "
                        + options.keyFor(CONNECT_STRING) + "; the client qualified @ApschedulerCuratorFramework "
                        + "is configured in code");
            }
        }
    }

    /**
     * Builds a client (not started) from the options.
     */
    static CuratorFramework client(ComponentOptions options, String connectString) {
        int session = millis(options, SESSION_TIMEOUT, ZooKeeperJobStoreFactory.DEFAULT_SESSION_TIMEOUT);
        int connection = millis(options, CONNECTION_TIMEOUT, ZooKeeperJobStoreFactory.DEFAULT_CONNECTION_TIMEOUT);
        int baseSleep = millis(options, RETRY_BASE_SLEEP, ZooKeeperJobStoreFactory.DEFAULT_RETRY_BASE_SLEEP);
        int maxSleep = millis(options, RETRY_MAX_SLEEP, ZooKeeperJobStoreFactory.DEFAULT_RETRY_MAX_SLEEP);
        int maxRetries = options.integer(RETRY_MAX_RETRIES).orElse(ZooKeeperJobStoreFactory.DEFAULT_RETRY_MAX_RETRIES);
        if (maxRetries < 0 || maxRetries > 29) {
            throw new ConfigurationException(options.keyFor(RETRY_MAX_RETRIES),
                    options.raw(RETRY_MAX_RETRIES).orElse(maxRetries), "expected a number from 0 to 29");
        }
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder().connectString(connectString)
            .sessionTimeoutMs(session).connectionTimeoutMs(connection)
            .retryPolicy(new ExponentialBackoffRetry(baseSleep, maxRetries, maxSleep));
        String namespace = namespace(options);
        if (namespace != null) {
            builder.namespace(namespace);
        }
        String digest = digest(options);
        if (digest != null) {
            builder.authorization("digest", digest.getBytes(StandardCharsets.UTF_8));
        }
        List<ACL> acl = acl(options, digest != null);
        builder.aclProvider(new ACLProvider() {

            @Override
            public List<ACL> getDefaultAcl() {
                return acl;
            }

            @Override
            public List<ACL> getAclForPath(String path) {
                return acl;
            }

        });
        return builder.build();
    }

    private static int millis(ComponentOptions options, String name, Duration defaultValue) {
        Duration value = options.duration(name).orElse(defaultValue);
        if (value.toMillis() < 1 || value.toMillis() > Integer.MAX_VALUE) {
            throw new ConfigurationException(options.keyFor(name), options.raw(name).orElse(value),
                    "expected a positive duration of at least 1ms");
        }
        return (int) value.toMillis();
    }

    private static @Nullable String namespace(ComponentOptions options) {
        Optional<String> namespace = options.string(NAMESPACE);
        if (namespace.isEmpty() || namespace.get().isEmpty()) {
            return null;
        }
        try {
            PathUtils.validatePath("/" + namespace.get());
        }
        catch (IllegalArgumentException ex) {
            throw new ConfigurationException(options.keyFor(NAMESPACE), options.raw(NAMESPACE).orElse(""),
                    "expected a ZooKeeper namespace without a leading '/' (" + ex.getMessage() + ")");
        }
        return namespace.get();
    }

    private static @Nullable String digest(ComponentOptions options) {
        Optional<String> digest = options.string(DIGEST);
        if (digest.isEmpty()) {
            return null;
        }
        int colon = digest.get().indexOf(':');
        if (colon < 1) {
            throw new ConfigurationException(options.keyFor(DIGEST), "(hidden)",
                    "expected digest credentials as 'user:password'");
        }
        return digest.get();
    }

    private static List<ACL> acl(ComponentOptions options, boolean authenticated) {
        String acl = options.string(ACL).map((value) -> value.toLowerCase(Locale.ROOT))
            .orElse(authenticated ? "creator" : "open");
        return switch (acl) {
            case "open" -> ZooDefs.Ids.OPEN_ACL_UNSAFE;
            case "creator" -> {
                if (!authenticated) {
                    throw new ConfigurationException(options.keyFor(ACL), options.keyFor(ACL) + ": 'creator' "
                            + "gives access to the authenticated user only; set " + options.keyFor(DIGEST)
                            + " too");
                }
                yield ZooDefs.Ids.CREATOR_ALL_ACL;
            }
            default -> throw new ConfigurationException(options.keyFor(ACL), options.raw(ACL).orElse(acl),
                    "expected 'open' (anyone may read and write) or 'creator' (only the user of the digest "
                            + "credentials)");
        };
    }

}
