package dev.apscheduler.spring.boot.autoconfigure;

import java.time.Duration;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.spring.boot.web.RequestLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The web dashboard ({@code apscheduler.dashboard.*}): whether it is served, where, and who may change jobs with it.
 */
@ConfigurationProperties("apscheduler.dashboard")
public class ApschedulerDashboardProperties {

    /** The default path of the dashboard. */
    public static final String DEFAULT_PATH = "/apscheduler";

    /** The default role that may change jobs when Spring Security is used. */
    public static final String DEFAULT_WRITE_ROLE = "APSCHEDULER_ADMIN";

    /** The default time between two refreshes of an open page. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(2);

    /**
     * Whether to serve the web dashboard (servlet applications with Spring MVC).
     */
    private boolean enabled;

    /**
     * Path of the dashboard, starting with '/' and not ending with one.
     */
    private String path = DEFAULT_PATH;

    /**
     * Whether anyone who reaches the dashboard may change jobs when Spring Security is not used (otherwise it is
     * read-only).
     */
    private boolean allowUnsecuredWrites;

    /**
     * Role a user needs to change jobs when Spring Security is used, without the ROLE_ prefix.
     */
    private String writeRole = DEFAULT_WRITE_ROLE;

    /**
     * Time between two refreshes of an open page.
     */
    private Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;

    /**
     * Longest job name the dashboard's forms accept.
     */
    private int maxNameLength = RequestLimits.DEFAULT_MAX_NAME_LENGTH;

    /**
     * Largest args or kwargs, written as JSON, the dashboard's forms accept.
     */
    private DataSize maxArgumentsSize = RequestLimits.DEFAULT_MAX_ARGUMENTS_SIZE;

    public int getMaxNameLength() {
        return this.maxNameLength;
    }

    public void setMaxNameLength(int maxNameLength) {
        this.maxNameLength = maxNameLength;
    }

    public DataSize getMaxArgumentsSize() {
        return this.maxArgumentsSize;
    }

    public void setMaxArgumentsSize(DataSize maxArgumentsSize) {
        this.maxArgumentsSize = maxArgumentsSize;
    }

    /**
     * Returns the limits of the forms, named by these properties.
     * @return the limits
     */
    RequestLimits requestLimits() {
        return new RequestLimits(this.maxNameLength, this.maxArgumentsSize, "apscheduler.dashboard");
    }

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPath() {
        return this.path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public boolean isAllowUnsecuredWrites() {
        return this.allowUnsecuredWrites;
    }

    public void setAllowUnsecuredWrites(boolean allowUnsecuredWrites) {
        this.allowUnsecuredWrites = allowUnsecuredWrites;
    }

    public String getWriteRole() {
        return this.writeRole;
    }

    public void setWriteRole(String writeRole) {
        this.writeRole = writeRole;
    }

    public Duration getRefreshInterval() {
        return this.refreshInterval;
    }

    public void setRefreshInterval(Duration refreshInterval) {
        this.refreshInterval = refreshInterval;
    }

    /**
     * Checks the settings, naming the property of a bad value.
     * @throws dev.apscheduler.ConfigurationException if a value is not valid
     */
    void validate() {
        if (this.path == null || !this.path.matches("/[A-Za-z0-9._~/-]*[A-Za-z0-9._~-]")) {
            throw new ConfigurationException("apscheduler.dashboard.path", this.path,
                    "a path that starts with '/', does not end with one and holds only letters, digits and ._~-/");
        }
        if (this.writeRole == null || this.writeRole.isBlank() || this.writeRole.startsWith("ROLE_")) {
            throw new ConfigurationException("apscheduler.dashboard.write-role", this.writeRole,
                    "a role name without the ROLE_ prefix");
        }
        if (this.refreshInterval == null || this.refreshInterval.compareTo(Duration.ofMillis(200)) < 0) {
            throw new ConfigurationException("apscheduler.dashboard.refresh-interval", this.refreshInterval,
                    "a duration of at least 200ms");
        }
    }

}
