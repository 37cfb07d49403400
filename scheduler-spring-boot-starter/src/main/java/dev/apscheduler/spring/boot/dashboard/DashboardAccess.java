package dev.apscheduler.spring.boot.dashboard;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Who may see and change what on the dashboard. With Spring Security ({@link Mode#SECURED}) every request needs an
 * authenticated user and a write needs the configured role; without it ({@link Mode#READ_ONLY}) nothing can be
 * changed, unless the application allowed writes explicitly ({@link Mode#OPEN}). Every write also carries the
 * dashboard's own token in a header ({@link #TOKEN_HEADER}), which only a page of the same origin can read from the
 * session endpoint: a cross-site form or script cannot send it.
 *
 * <p>Whatever the mode, writes can be turned off altogether ({@link #DashboardAccess(Mode, String, String)}): the
 * auto-configuration does so when the application limits the {@code apscheduler} actuator endpoint to read-only
 * access, so that no HTTP path changes jobs that the endpoint may not.
 */
public final class DashboardAccess {

    /** The header that carries the dashboard's token on writes. */
    public static final String TOKEN_HEADER = "X-APScheduler-Dashboard-Token";

    private final Mode mode;

    private final String writeRole;

    private final @Nullable String writesOff;

    private final String token;

    /**
     * Creates the access rules.
     * @param mode how the dashboard is protected
     * @param writeRole the role a user needs to write ({@link Mode#SECURED} only), without the {@code ROLE_} prefix
     */
    public DashboardAccess(Mode mode, String writeRole) {
        this(mode, writeRole, null);
    }

    /**
     * Creates the access rules, with writes possibly turned off whatever the mode.
     * @param mode how the dashboard is protected
     * @param writeRole the role a user needs to write ({@link Mode#SECURED} only), without the {@code ROLE_} prefix
     * @param writesOff why nothing may be changed (the setting that says so), or {@code null} when the mode decides
     */
    public DashboardAccess(Mode mode, String writeRole, @Nullable String writesOff) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.writeRole = Objects.requireNonNull(writeRole, "writeRole");
        this.writesOff = writesOff;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.token = HexFormat.of().formatHex(random);
    }

    /**
     * Returns how the dashboard is protected.
     * @return the mode
     */
    public Mode mode() {
        return this.mode;
    }

    String token() {
        return this.token;
    }

    String writeRole() {
        return this.writeRole;
    }

    /**
     * Tells why a request may not read, or {@code null} when it may.
     */
    @Nullable Refusal readRefusal(HttpServletRequest request) {
        if (this.mode == Mode.SECURED && request.getUserPrincipal() == null) {
            return new Refusal(401, "the dashboard needs an authenticated user");
        }
        return null;
    }

    /**
     * Tells why a request may not write, or {@code null} when it may.
     */
    @Nullable Refusal writeRefusal(HttpServletRequest request) {
        Refusal read = readRefusal(request);
        if (read != null) {
            return read;
        }
        if (this.writesOff != null) {
            return new Refusal(403, "the dashboard is read-only (" + this.writesOff + ")");
        }
        if (this.mode == Mode.READ_ONLY) {
            return new Refusal(403, "the dashboard is read-only (apscheduler.dashboard.allow-unsecured-writes is "
                    + "false and Spring Security is not used)");
        }
        if (this.mode == Mode.SECURED && !request.isUserInRole(this.writeRole)) {
            return new Refusal(403, "changing jobs needs the role " + this.writeRole
                    + " (apscheduler.dashboard.write-role)");
        }
        if (!this.token.equals(request.getHeader(TOKEN_HEADER))) {
            return new Refusal(403, "the request lacks the dashboard's token (" + TOKEN_HEADER
                    + "): writes are accepted only from the dashboard's own pages");
        }
        return null;
    }

    /**
     * Tells whether the user of a request may write.
     */
    boolean canWrite(HttpServletRequest request) {
        if (this.writesOff != null) {
            return false;
        }
        return switch (this.mode) {
            case READ_ONLY -> false;
            case OPEN -> true;
            case SECURED -> request.getUserPrincipal() != null && request.isUserInRole(this.writeRole);
        };
    }

    /**
     * How the dashboard is protected.
     */
    public enum Mode {

        /** Spring Security is used: authenticated users read, users with the write role act. */
        SECURED,

        /** No Spring Security, and writes are not allowed: everyone who reaches the pages can only read. */
        READ_ONLY,

        /** No Spring Security, and the application allowed writes: everyone who reaches the pages can act. */
        OPEN

    }

    /**
     * A refused request: its HTTP status and why.
     *
     * @param status 401 or 403
     * @param message why
     */
    record Refusal(int status, String message) {
    }

}
