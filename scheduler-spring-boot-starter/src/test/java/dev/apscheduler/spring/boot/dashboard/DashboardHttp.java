package dev.apscheduler.spring.boot.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP to a running dashboard, with its token on writes when the test has it.
 */
final class DashboardHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    private final String base;

    private String token;

    DashboardHttp(int port, String path) {
        this.base = "http://localhost:" + port + path;
    }

    DashboardHttp withSessionToken() {
        this.token = get("/api/session").json().path("token").asString(null);
        return this;
    }

    Response get(String path) {
        return send("GET", path, null, true);
    }

    Response post(String path, String body) {
        return send("POST", path, body, true);
    }

    Response postWithoutToken(String path, String body) {
        return send("POST", path, body, false);
    }

    Response delete(String path) {
        return send("DELETE", path, null, true);
    }

    private Response send(String method, String path, String body, boolean withToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
            .header("Accept", "application/json");
        if (withToken && this.token != null) {
            request.header(DashboardAccess.TOKEN_HEADER, this.token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, (body != null) ? BodyPublishers.ofString(body) : BodyPublishers.noBody());
        try {
            return new Response(this.http.send(request.build(), BodyHandlers.ofString()));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    record Response(HttpResponse<String> raw) {

        int status() {
            return this.raw.statusCode();
        }

        String body() {
            return this.raw.body();
        }

        JsonNode json() {
            return JSON.readTree(this.raw.body());
        }

        String header(String name) {
            return this.raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return this.raw.statusCode() + " " + this.raw.body();
        }

    }

}
