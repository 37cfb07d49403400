package dev.apscheduler.spring.boot.dashboard;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Guards every request under the dashboard's path: sets the security headers (a strict Content-Security-Policy that
 * allows only the dashboard's own scripts and styles, no framing, no sniffing, no caching of data), and refuses
 * what the {@link DashboardAccess} rules forbid before any handler runs.
 */
final class DashboardInterceptor implements HandlerInterceptor {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DashboardAccess access;

    DashboardInterceptor(DashboardAccess access) {
        this.access = access;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        if (!request.getRequestURI().contains("/assets/")) {
            response.setHeader("Cache-Control", "no-store");
        }
        boolean read = HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod());
        DashboardAccess.Refusal refusal = read ? this.access.readRefusal(request) : this.access.writeRefusal(request);
        if (refusal == null) {
            return true;
        }
        response.setStatus(refusal.status());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(
                DashboardErrors.body(HttpStatusCode.valueOf(refusal.status()), refusal.message(), null)));
        return false;
    }

}
