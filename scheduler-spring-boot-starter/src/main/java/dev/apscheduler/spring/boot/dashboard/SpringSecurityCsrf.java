package dev.apscheduler.spring.boot.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * Reads Spring Security's CSRF token of a request, so that the pages send it with their writes as Spring Security's
 * CSRF protection asks. Used only when Spring Security is on the class path.
 */
final class SpringSecurityCsrf {

    private SpringSecurityCsrf() {
    }

    static @Nullable Map<String, String> token(HttpServletRequest request) {
        if (!(request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token)) {
            return null;
        }
        Map<String, String> csrf = new LinkedHashMap<>();
        csrf.put("header", token.getHeaderName());
        csrf.put("token", token.getToken());
        return csrf;
    }

}
