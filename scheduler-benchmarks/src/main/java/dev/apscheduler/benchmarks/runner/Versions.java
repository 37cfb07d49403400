package dev.apscheduler.benchmarks.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The versions of the systems under test, written into the build's resources by Maven: the output names the exact
 * version of every peer.
 */
final class Versions {

    private static final Properties VERSIONS = load();

    private Versions() {
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("versions.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return properties;
    }

    /**
     * Returns a library's version.
     * @param library {@code spring-framework}, {@code quartz}, {@code db-scheduler}, {@code postgresql-driver} or
     * {@code hikaricp}
     * @return the version, or {@code unknown}
     */
    static String of(String library) {
        return VERSIONS.getProperty(library, "unknown");
    }

}
