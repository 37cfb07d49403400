package com.example.sample.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request bodies larger than {@code sample.api.max-request-size} with 413: at once when the
 * {@code Content-Length} says so, else as soon as reading passes the limit (a chunked body), which the
 * {@link ApiExceptionHandler} answers.
 */
final class RequestSizeLimit extends OncePerRequestFilter {

    private final DataSize limit;

    private final JsonMapper json;

    RequestSizeLimit(DataSize limit, JsonMapper json) {
        this.limit = limit;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > this.limit.toBytes()) {
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            this.json.writeValue(response.getOutputStream(),
                    ApiErrors.body(HttpStatus.CONTENT_TOO_LARGE, message(this.limit), null));
            return;
        }
        chain.doFilter(new LimitedRequest(request, this.limit), response);
    }

    static String message(DataSize limit) {
        return "the request body is larger than " + ApiErrors.describe(limit) + " (sample.api.max-request-size)";
    }

    /**
     * Thrown while a body is read once it passes the limit.
     */
    static final class BodyTooLargeException extends IOException {

        private static final long serialVersionUID = 1L;

        private final transient DataSize limit;

        BodyTooLargeException(DataSize limit) {
            super(message(limit));
            this.limit = limit;
        }

        DataSize limit() {
            return this.limit;
        }

    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final DataSize limit;

        private LimitedRequest(HttpServletRequest request, DataSize limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            return new CountingInputStream(super.getInputStream(), this.limit);
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

    }

    private static final class CountingInputStream extends ServletInputStream {

        private final ServletInputStream delegate;

        private final DataSize limit;

        private long count;

        private CountingInputStream(ServletInputStream delegate, DataSize limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int read = this.delegate.read();
            if (read >= 0) {
                count(1);
            }
            return read;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = this.delegate.read(buffer, offset, length);
            if (read > 0) {
                count(read);
            }
            return read;
        }

        private void count(int read) throws BodyTooLargeException {
            this.count += read;
            if (this.count > this.limit.toBytes()) {
                throw new BodyTooLargeException(this.limit);
            }
        }

        @Override
        public boolean isFinished() {
            return this.delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return this.delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            this.delegate.setReadListener(listener);
        }

    }

}
