package dev.apscheduler.spring.boot.autoconfigure;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;

/**
 * Whether the application limits the {@code apscheduler} actuator endpoint to reading, as Boot's endpoint access
 * properties say: then no other HTTP path of the starter (the dashboard's) changes jobs either.
 */
final class EndpointWriteAccess {

    static final String ENDPOINT_ACCESS = "management.endpoint.apscheduler.access";

    static final String MAX_PERMITTED = "management.endpoints.access.max-permitted";

    private EndpointWriteAccess() {
    }

    /**
     * Returns the setting that limits the endpoint to reading, or {@code null} when none does.
     * @param environment the application's environment
     * @return {@code key=value} of the limiting setting, or {@code null}
     */
    static @Nullable String limitedBy(Environment environment) {
        for (String key : new String[] { ENDPOINT_ACCESS, MAX_PERMITTED }) {
            String value = environment.getProperty(key);
            if (value != null && forbidsWrites(value)) {
                return key + "=" + value;
            }
        }
        return null;
    }

    private static boolean forbidsWrites(String access) {
        String normalized = access.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return normalized.equals("none") || normalized.equals("readonly");
    }

}
