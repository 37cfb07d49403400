package dev.apscheduler.spring.boot.zookeeper;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;

import dev.apscheduler.job.Job;
import org.apache.curator.utils.ZKPaths;
import org.jspecify.annotations.Nullable;

/**
 * The store's znodes under its base path, and how their names are made.
 * <ul>
 * <li>{@code <path>/jobs/<id>}: one per job, holding its state as the scheduler's JSON; its version is what every
 * write compares and sets.</li>
 * <li>{@code <path>/run_times/<due>_<id>}: one per job that can run (restorable, not paused), named by its due time
 * in epoch microseconds (rounded up, zero-padded to 19 digits, so that names sort by time): the index an acquire step
 * reads the earliest due jobs from.</li>
 * <li>{@code <path>/claims/<id>}: an ephemeral node an acquire step creates for each job it takes, gone with the
 * step's decision, or with its instance's session.</li>
 * <li>{@code <path>/unrestorable/<id>}: one per job that cannot be restored, holding why.</li>
 * <li>{@code <path>/changes}: written along with every change to the jobs (add, update, modify, remove), watched by
 * every instance.</li>
 * </ul>
 * Ids are written into names with every character but ASCII letters, digits, {@code -}, {@code _}, {@code .} and
 * {@code ~} percent-encoded as UTF-8 (and the names {@code .} and {@code ..} encoded whole), so that any id makes a
 * valid znode name.
 */
final class ZooKeeperNodes {

    private static final int TIME_DIGITS = 19;

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String base;

    private final String jobs;

    private final String runTimes;

    private final String claims;

    private final String unrestorable;

    private final String changes;

    ZooKeeperNodes(String base) {
        this.base = base;
        this.jobs = ZKPaths.makePath(base, "jobs");
        this.runTimes = ZKPaths.makePath(base, "run_times");
        this.claims = ZKPaths.makePath(base, "claims");
        this.unrestorable = ZKPaths.makePath(base, "unrestorable");
        this.changes = ZKPaths.makePath(base, "changes");
    }

    String base() {
        return this.base;
    }

    String jobs() {
        return this.jobs;
    }

    String runTimes() {
        return this.runTimes;
    }

    String claims() {
        return this.claims;
    }

    String unrestorable() {
        return this.unrestorable;
    }

    String changes() {
        return this.changes;
    }

    String job(String name) {
        return this.jobs + "/" + name;
    }

    String claim(String name) {
        return this.claims + "/" + name;
    }

    String marker(String name) {
        return this.unrestorable + "/" + name;
    }

    String runTime(String entry) {
        return this.runTimes + "/" + entry;
    }

    /**
     * Returns the name of the run-time entry of a job, or empty when it has no due time (paused).
     */
    static Optional<String> entryOf(Job job) {
        return job.dueTime().map(ZonedDateTime::toInstant).map((due) -> entry(ceilMicros(due), name(job.id())));
    }

    static String entry(long dueMicros, String name) {
        String digits = Long.toString(Math.max(0, dueMicros));
        return "0".repeat(TIME_DIGITS - digits.length()) + digits + "_" + name;
    }

    /**
     * Returns the due time of a run-time entry in epoch microseconds, or {@code null} for a name that is not one.
     */
    static @Nullable Long entryMicros(String entry) {
        int separator = entry.indexOf('_');
        if (separator != TIME_DIGITS) {
            return null;
        }
        try {
            return Long.parseLong(entry.substring(0, separator));
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    /**
     * Returns the job node name of a run-time entry.
     */
    static String entryName(String entry) {
        return entry.substring(TIME_DIGITS + 1);
    }

    /**
     * Encodes a job id as a znode name.
     */
    static String name(String id) {
        if (id.equals(".") || id.equals("..")) {
            return id.replace(".", "%2E");
        }
        StringBuilder name = new StringBuilder(id.length());
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                name.append(c);
            }
            else {
                name.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return name.toString();
    }

    /**
     * Decodes a znode name back into the job id it was made of.
     */
    static String id(String name) {
        if (name.indexOf('%') < 0) {
            return name;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%' && i + 2 < name.length()) {
                bytes.write(Integer.parseInt(name.substring(i + 1, i + 3), 16));
                i += 2;
            }
            else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static long ceilMicros(Instant instant) {
        long micros = (instant.getNano() + 999) / 1000;
        return saturated(instant.getEpochSecond(), micros);
    }

    static long floorMicros(Instant instant) {
        return saturated(instant.getEpochSecond(), instant.getNano() / 1000);
    }

    private static long saturated(long seconds, long micros) {
        try {
            return Math.addExact(Math.multiplyExact(seconds, MICROS_PER_SECOND), micros);
        }
        catch (ArithmeticException ex) {
            return (seconds < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * 1000);
    }

}
