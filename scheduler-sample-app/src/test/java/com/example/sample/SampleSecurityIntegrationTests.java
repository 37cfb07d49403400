package com.example.sample;

import java.net.InetAddress;

import com.example.sample.HttpJson.Response;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's REST API and actuator change jobs without authentication, so the sample listens on the loopback
 * address only, and the actuator endpoint keeps its read-only default.
 */
class SampleSecurityIntegrationTests extends SampleHttpTests {

    @Autowired
    ServletWebServerApplicationContext context;

    @Test
    void listensOnTheLoopbackAddressOnly() {
        Connector connector = ((TomcatWebServer) this.context.getWebServer()).getTomcat().getConnector();
        Object address = connector.getProperty("address");
        assertThat(address).as("the connector's address").isInstanceOf(InetAddress.class);
        assertThat(((InetAddress) address).isLoopbackAddress()).as("%s is a loopback address", address).isTrue();
    }

    @Test
    void theActuatorEndpointOffersNoWriteOperations() {
        Response pause = this.http.post("/actuator/apscheduler/jobs/tick", "{\"action\": \"pause\"}");
        assertThat(pause.status()).as(pause.toString()).isIn(404, 405);
        Response removal = this.http.delete("/actuator/apscheduler/jobs/tick");
        assertThat(removal.status()).as(removal.toString()).isIn(404, 405);
        Response tick = this.http.get("/api/jobs/tick");
        assertThat(tick.status()).as(tick.toString()).isEqualTo(200);
        assertThat(tick.json().at("/paused").asBoolean()).isFalse();
    }

}
