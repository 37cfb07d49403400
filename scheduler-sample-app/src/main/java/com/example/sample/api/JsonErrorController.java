package com.example.sample.api;

import java.util.Locale;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the errors the servlet container forwards to {@code /error} (those raised outside Spring MVC's handlers) in
 * the API's JSON form, whatever the request accepts, in place of Boot's default, which answers a client that accepts
 * no JSON with an empty body.
 */
@RestController
class JsonErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatusCode status = (code instanceof Integer value && value >= 400) ? HttpStatusCode.valueOf(value)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        HttpStatus known = HttpStatus.resolve(status.value());
        String reason = (known != null) ? known.getReasonPhrase().toLowerCase(Locale.ROOT) : "error";
        return ApiErrors.answer(status, "the request cannot be served (" + reason + ")", null);
    }

}
