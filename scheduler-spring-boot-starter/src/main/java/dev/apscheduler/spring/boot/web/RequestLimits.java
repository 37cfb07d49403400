package dev.apscheduler.spring.boot.web;

import java.util.Objects;

import org.springframework.util.unit.DataSize;

/**
 * The size limits {@link JobRequests} applies to a job's name and arguments, with the prefix of the properties that
 * set them, so that an error names the property to change ({@code <prefix>.max-name-length},
 * {@code <prefix>.max-arguments-size}).
 *
 * @param maxNameLength the longest job name, in characters
 * @param maxArgumentsSize the largest {@code args} or {@code kwargs}, written as JSON
 * @param propertyPrefix the prefix of the properties that set the limits
 */
public record RequestLimits(int maxNameLength, DataSize maxArgumentsSize, String propertyPrefix) {

    /** The default longest job name. */
    public static final int DEFAULT_MAX_NAME_LENGTH = 200;

    /** The default largest arguments, written as JSON. */
    public static final DataSize DEFAULT_MAX_ARGUMENTS_SIZE = DataSize.ofKilobytes(64);

    /**
     * Creates the limits.
     * @param maxNameLength the longest job name, 1 or more
     * @param maxArgumentsSize the largest arguments, positive
     * @param propertyPrefix the prefix of the properties that set them
     */
    public RequestLimits {
        Objects.requireNonNull(maxArgumentsSize, "maxArgumentsSize");
        Objects.requireNonNull(propertyPrefix, "propertyPrefix");
        if (maxNameLength < 1) {
            throw new IllegalArgumentException(propertyPrefix + ".max-name-length must be >= 1, was " + maxNameLength);
        }
        if (maxArgumentsSize.toBytes() < 1) {
            throw new IllegalArgumentException(propertyPrefix + ".max-arguments-size must be positive, was "
                    + maxArgumentsSize);
        }
    }

    /**
     * Describes a size as people write it: {@code 1 MB}, {@code 64 KB}, {@code 1000 bytes}.
     * @param size the size
     * @return the description
     */
    public static String describe(DataSize size) {
        long bytes = size.toBytes();
        if (bytes > 0 && bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
            return size.toMegabytes() + " MB";
        }
        return (bytes > 0 && bytes % 1024 == 0) ? size.toKilobytes() + " KB" : bytes + " bytes";
    }

}
