package dev.apscheduler.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

/**
 * Which settings limit the {@code apscheduler} endpoint to reading, spelled as Boot's relaxed binding accepts them.
 */
class EndpointWriteAccessTests {

    @Test
    void readOnlyOrNoneOnTheEndpointLimitsIt() {
        for (String access : new String[] { "read-only", "READ_ONLY", "readOnly", "none", "NONE" }) {
            MockEnvironment environment = new MockEnvironment()
                .withProperty("management.endpoint.apscheduler.access", access);
            assertThat(EndpointWriteAccess.limitedBy(environment)).as(access)
                .isEqualTo("management.endpoint.apscheduler.access=" + access);
        }
    }

    @Test
    void aMaximumOfReadOnlyLimitsItWhateverTheEndpointSays() {
        MockEnvironment environment = new MockEnvironment()
            .withProperty("management.endpoint.apscheduler.access", "unrestricted")
            .withProperty("management.endpoints.access.max-permitted", "read-only");
        assertThat(EndpointWriteAccess.limitedBy(environment))
            .isEqualTo("management.endpoints.access.max-permitted=read-only");
    }

    @Test
    void unrestrictedOrNothingSetLeavesWritesToTheDashboardsOwnRules() {
        assertThat(EndpointWriteAccess.limitedBy(new MockEnvironment())).isNull();
        assertThat(EndpointWriteAccess.limitedBy(
                new MockEnvironment().withProperty("management.endpoint.apscheduler.access", "unrestricted")))
            .isNull();
    }

}
