package dev.apscheduler.trigger;

import java.util.Objects;
import java.util.function.Function;

/**
 * Builds the triggers of one kind from their string form: the extension point for trigger kinds beyond the built-in
 * ones ({@code date}, {@code interval}, {@code cron}, {@code calendarinterval}, {@code and}, {@code or}).
 *
 * <p>A registered kind is used by its alias everywhere a built-in one is: {@code addJob(task, alias, params)},
 * {@code @ScheduledJob(trigger = alias)}, {@code apscheduler.jobs.<id>.trigger}, combinations, and every persistent
 * job store, which keeps the trigger as its {@link Trigger#alias() alias} and {@link Trigger#parameters()
 * parameters} and rebuilds it with this factory. So the triggers a factory builds must give back its
 * {@link #alias()}, and parameters that it reads back into an equal trigger.
 *
 * <p>A factory is registered by listing it in {@code META-INF/services/dev.apscheduler.trigger.TriggerFactory}
 * (found with {@link java.util.ServiceLoader}; it then needs a public no-argument constructor), with
 * {@code SchedulerBuilder.triggerFactory(...)}, or, in a Spring Boot application, as a bean.
 *
 * <pre>{@code
 * public final class CountdownTriggerFactory implements TriggerFactory {
 *
 *     public String alias() {
 *         return "countdown";
 *     }
 *
 *     public Trigger create(TriggerParameters parameters) {
 *         parameters.requireOnly(List.of("seconds", "count", "start_date", "timezone"));
 *         ZoneId zone = parameters.zone("start_date");
 *         int seconds = parameters.integer("seconds").orElse(1);
 *         if (seconds < 1) {
 *             throw parameters.invalid("seconds", seconds, "must be at least 1");
 *         }
 *         ZonedDateTime start = parameters.dateTime("start_date", zone)
 *             .orElseGet(() -> ZonedDateTime.now(parameters.clock().withZone(zone)));
 *         return new CountdownTrigger(Duration.ofSeconds(seconds), parameters.nonNegativeInteger("count", 1), start);
 *     }
 *
 * }
 * }</pre>
 */
public interface TriggerFactory {

    /**
     * Returns the alias the kind is known by, for example {@code every}: lower case, not one of the built-in aliases.
     * @return the alias
     */
    String alias();

    /**
     * Builds a trigger from its parameters, reading them with {@link TriggerParameters}' methods so that they are
     * converted and validated as the built-in kinds' are.
     * @param parameters the parameters under APScheduler's snake_case names, with the scheduler's default zone and
     * clock
     * @return the trigger, whose {@link Trigger#alias()} is {@link #alias()}
     * @throws InvalidTriggerException if a parameter is missing, unknown or invalid
     */
    Trigger create(TriggerParameters parameters);

    /**
     * Creates a factory from an alias and a function, for registering a kind without a class of its own.
     * @param alias the alias
     * @param creator builds a trigger from its parameters
     * @return the factory
     */
    static TriggerFactory of(String alias, Function<TriggerParameters, ? extends Trigger> creator) {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(creator, "creator");
        return new TriggerFactory() {

            @Override
            public String alias() {
                return alias;
            }

            @Override
            public Trigger create(TriggerParameters parameters) {
                return creator.apply(parameters);
            }

            @Override
            public String toString() {
                return "TriggerFactory[" + alias + "]";
            }

        };
    }

}
