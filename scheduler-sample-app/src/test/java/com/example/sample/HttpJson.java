package com.example.sample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * A small JSON client over real HTTP ({@code java.net.http}), for the tests that talk to a running application.
 */
final class HttpJson {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final JsonMapper mapper = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private final String baseUrl;

    HttpJson(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    Response get(String path) {
        return send("GET", path, null);
    }

    Response post(String path, @Nullable String body) {
        return send("POST", path, body);
    }

    Response patch(String path, String body) {
        return send("PATCH", path, body);
    }

    Response delete(String path) {
        return send("DELETE", path, null);
    }

    /** GETs whatever the resource offers (Prometheus' text format, for example). */
    Response getAny(String path) {
        return send("GET", path, null, "*/*");
    }

    private Response send(String method, String path, @Nullable String body) {
        return send(method, path, body, "application/json");
    }

    private Response send(String method, String path, @Nullable String body, String accept) {
        return send(method, path, body, accept, "application/json");
    }

    /** POSTs a JSON body without a {@code Content-Length}, in chunks, as a streaming client does. */
    Response postChunked(String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(TIMEOUT)
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
            .build();
        return exchange(request, "POST (chunked) " + path);
    }

    /**
     * Sends any request: {@code accept} and {@code contentType} as given (the content type only with a body), and
     * further headers as name, value pairs.
     */
    Response send(String method, String path, @Nullable String body, String accept, String contentType,
            String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(TIMEOUT)
            .header("Accept", accept)
            .method(method, (body != null) ? BodyPublishers.ofString(body) : BodyPublishers.noBody());
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return exchange(request.build(), method + " " + shortened(path));
    }

    private Response exchange(HttpRequest request, String description) {
        try {
            HttpResponse<String> response = this.client.send(request, BodyHandlers.ofString());
            return new Response(description, response.statusCode(), response.body(),
                    response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(null));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(description + " failed", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(description + " was interrupted", ex);
        }
    }

    /** Keeps assertion messages readable when a test sends or receives a megabyte. */
    private static String shortened(String text) {
        return (text.length() > 500) ? text.substring(0, 500) + "... (" + text.length() + " characters)" : text;
    }

    /**
     * An answer: its status, its body as JSON (missing when empty or not JSON), its {@code Location} and
     * {@code Content-Type} headers.
     */
    record Response(String request, int status, String text, @Nullable String location,
            @Nullable String contentType) {

        JsonNode json() {
            if (this.text.isBlank() || !(this.text.startsWith("{") || this.text.startsWith("["))) {
                return MissingNode.getInstance();
            }
            return mapper.readTree(this.text);
        }

        /** The text at a JSON pointer, for example {@code /trigger/alias}. */
        String at(String pointer) {
            return json().at(pointer).asString();
        }

        /** The text at a JSON pointer in each element of an array answer, for example the {@code /id} of jobs. */
        Stream<String> each(String pointer) {
            return json().valueStream().map((element) -> element.at(pointer).asString());
        }

        @Override
        public String toString() {
            return this.request + " -> " + this.status + " " + shortened(this.text);
        }

    }

}
