package dev.apscheduler.spring.boot.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * Serves the dashboard's pages: one HTML shell for every page (overview, jobs, a job, failures), with the base URL
 * of the dashboard filled in, so that the page's ES modules and JSON requests resolve under any context path and
 * dashboard path. The shell has no inline script or style.
 */
@Controller
@RequestMapping("${apscheduler.dashboard.path:/apscheduler}")
public class DashboardPageController {

    static final String ASSETS = "dev/apscheduler/spring/boot/dashboard/assets/";

    private final String shell;

    private final String path;

    /**
     * Creates the controller, reading the page's shell from the class path.
     * @param path the dashboard's path
     */
    public DashboardPageController(String path) {
        this.path = path;
        try (InputStream in = new ClassPathResource(ASSETS + "index.html").getInputStream()) {
            this.shell = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("the dashboard's page is missing from the class path", ex);
        }
    }

    @GetMapping({ "", "/", "/jobs", "/jobs/{id}", "/failures" })
    ResponseEntity<String> page(HttpServletRequest request) {
        String base = request.getContextPath() + this.path + "/";
        return ResponseEntity.ok()
            .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
            .body(this.shell.replace("{{base}}", HtmlUtils.htmlEscape(base)));
    }

}
