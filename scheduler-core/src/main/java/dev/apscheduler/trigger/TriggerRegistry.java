package dev.apscheduler.trigger;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

import dev.apscheduler.ConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * The trigger kinds a scheduler knows, by alias: the built-in ones, the {@link TriggerFactory}s found with
 * {@link ServiceLoader}, and those registered in code. It builds triggers from their string form for everything that
 * has one (jobs added by alias, annotations, properties, combinations, and persistent job stores restoring jobs), and
 * tells which triggers a persistent store could not restore.
 *
 * <p>Immutable: {@link #with(Collection)} returns a new registry. Each scheduler owns one, built from the class path
 * and its builder ({@code Scheduler.triggerRegistry()}); {@link #defaults()} is the class path's, which
 * {@link Triggers#create(String, Map, ZoneId, Clock)} uses.
 */
public final class TriggerRegistry {

    private static final String HOW_TO_REGISTER = "register a dev.apscheduler.trigger.TriggerFactory for it (listed "
            + "in META-INF/services/dev.apscheduler.trigger.TriggerFactory, given to SchedulerBuilder.triggerFactory, "
            + "or, with Spring Boot, as a bean)";

    private static final TriggerRegistry BUILT_IN = new TriggerRegistry(builtInFactories());

    private static volatile @Nullable TriggerRegistry defaults;

    private final Map<String, TriggerFactory> factories;

    private TriggerRegistry(Map<String, TriggerFactory> factories) {
        this.factories = Collections.unmodifiableMap(factories);
    }

    private static Map<String, TriggerFactory> builtInFactories() {
        Map<String, TriggerFactory> factories = new LinkedHashMap<>();
        factories.put(DateTrigger.ALIAS, TriggerFactory.of(DateTrigger.ALIAS, DateTrigger::create));
        factories.put(IntervalTrigger.ALIAS, TriggerFactory.of(IntervalTrigger.ALIAS, IntervalTrigger::create));
        factories.put(CronTrigger.ALIAS, TriggerFactory.of(CronTrigger.ALIAS, CronTrigger::create));
        factories.put(CalendarIntervalTrigger.ALIAS,
                TriggerFactory.of(CalendarIntervalTrigger.ALIAS, CalendarIntervalTrigger::create));
        factories.put(AndTrigger.ALIAS, TriggerFactory.of(AndTrigger.ALIAS, AndTrigger::create));
        factories.put(OrTrigger.ALIAS, TriggerFactory.of(OrTrigger.ALIAS, OrTrigger::create));
        return factories;
    }

    /**
     * Returns the registry of the built-in kinds only.
     * @return the registry
     */
    public static TriggerRegistry builtIn() {
        return BUILT_IN;
    }

    /**
     * Returns the built-in kinds and the factories listed in {@code META-INF/services} on the class path that loaded
     * the scheduler, discovered once.
     * @return the registry
     * @throws ConfigurationException if a listed factory cannot be loaded, two claim the same alias, or one claims a
     * built-in alias
     */
    public static TriggerRegistry defaults() {
        TriggerRegistry registry = defaults;
        if (registry == null) {
            // an immutable value computed once; two threads computing it at once get equal registries
            registry = load(TriggerRegistry.class.getClassLoader());
            defaults = registry;
        }
        return registry;
    }

    /**
     * Returns the built-in kinds and the factories listed in {@code META-INF/services} that {@code classLoader}
     * finds.
     * @param classLoader where to look for factories
     * @return a new registry
     * @throws ConfigurationException if a listed factory cannot be loaded, two claim the same alias, or one claims a
     * built-in alias
     */
    public static TriggerRegistry load(ClassLoader classLoader) {
        List<TriggerFactory> discovered;
        try {
            discovered = ServiceLoader.load(TriggerFactory.class, classLoader).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        }
        catch (ServiceConfigurationError ex) {
            throw new ConfigurationException(null, "Cannot load the trigger factories listed in "
                    + "META-INF/services/" + TriggerFactory.class.getName() + ": " + ex.getMessage(), ex);
        }
        return BUILT_IN.with(discovered);
    }

    /**
     * Returns a registry with the given factories added; each replaces a factory of the same alias this registry
     * got from the class path or an earlier call (so a factory given in code wins over a listed one), but never a
     * built-in kind.
     * @param added the factories to add, with distinct aliases
     * @return a new registry
     * @throws ConfigurationException if an alias is blank or built in, or two of {@code added} share one
     */
    public TriggerRegistry with(Collection<? extends TriggerFactory> added) {
        Map<String, TriggerFactory> factories = new LinkedHashMap<>(this.factories);
        Map<String, TriggerFactory> seen = new LinkedHashMap<>();
        for (TriggerFactory factory : added) {
            Objects.requireNonNull(factory, "factory");
            String alias = aliasOf(factory);
            if (BUILT_IN.factories.containsKey(alias)) {
                throw new ConfigurationException(null, "Trigger factory " + describe(factory) + " claims the alias '"
                        + alias + "' of a built-in trigger kind, which cannot be replaced: give it another alias");
            }
            TriggerFactory other = seen.put(alias, factory);
            if (other != null) {
                throw new ConfigurationException(null, "Trigger factories " + describe(other) + " and "
                        + describe(factory) + " both claim the alias '" + alias + "': keep one of them");
            }
            factories.put(alias, factory);
        }
        return new TriggerRegistry(factories);
    }

    private static String aliasOf(TriggerFactory factory) {
        String alias = factory.alias();
        if (alias == null || alias.isBlank()) {
            throw new ConfigurationException(null, "Trigger factory " + describe(factory) + " has no alias");
        }
        return normalize(alias);
    }

    private static String describe(TriggerFactory factory) {
        String type = factory.getClass().getName();
        return factory.getClass().isAnonymousClass() || factory.getClass().isSynthetic() ? factory.toString()
                : type;
    }

    private static String normalize(String alias) {
        return alias.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the aliases of the kinds known: the built-in ones first, then the others in the order registered.
     * @return the aliases, unmodifiable
     */
    public Set<String> aliases() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(this.factories.keySet()));
    }

    /**
     * Returns whether a kind is known by this alias (in any case, surrounding blanks ignored).
     * @param alias the alias
     * @return whether it is registered
     */
    public boolean contains(String alias) {
        return this.factories.containsKey(normalize(alias));
    }

    /**
     * Builds a trigger from its alias and parameters.
     * @param alias the trigger's alias, in any case
     * @param params APScheduler's parameter names (snake_case, kebab-case or camelCase) with string or number values
     * @param defaultZone the zone used when the parameters have no {@code timezone}, or {@code null} for the zone of
     * a date parameter or the system's
     * @param clock the clock defaults are computed from
     * @return the trigger
     * @throws InvalidTriggerException if the alias is not registered or a parameter is invalid
     */
    public Trigger create(String alias, Map<String, ?> params, @Nullable ZoneId defaultZone, Clock clock) {
        String normalized = normalize(alias);
        TriggerFactory factory = this.factories.get(normalized);
        if (factory == null) {
            throw new InvalidTriggerException(unknownAliasMessage(alias));
        }
        Trigger trigger = factory.create(TriggerParameters.of(normalized, params, defaultZone, clock, this));
        if (!normalize(trigger.alias()).equals(normalized)) {
            // a stored job is rebuilt by the factory of its trigger's alias: another alias would restore another kind
            throw new IllegalStateException("Trigger factory " + describe(factory) + " for alias '" + normalized
                    + "' built a trigger whose alias is '" + trigger.alias() + "'");
        }
        return trigger;
    }

    /**
     * Returns the message for an alias that is not registered, listing the known ones and how to register a kind.
     * @param alias the alias
     * @return the message
     */
    public String unknownAliasMessage(String alias) {
        return "unknown trigger alias '" + alias + "' (known: " + String.join(", ", this.factories.keySet()) + "); "
                + "to use a trigger kind of your own, " + HOW_TO_REGISTER;
    }

    /**
     * Finds an alias in a trigger that this registry could not rebuild it by: the trigger's own, or that of a
     * trigger it combines ({@code and}, {@code or}), so that a job is refused by a persistent store before it is
     * stored rather than found unrestorable later.
     * @param trigger the trigger
     * @return the first alias not registered, or empty when every one is
     */
    public Optional<String> unregisteredAlias(Trigger trigger) {
        if (!contains(trigger.alias())) {
            return Optional.of(trigger.alias());
        }
        for (Trigger child : children(trigger)) {
            Optional<String> unregistered = unregisteredAlias(child);
            if (unregistered.isPresent()) {
                return unregistered;
            }
        }
        return Optional.empty();
    }

    private static List<Trigger> children(Trigger trigger) {
        if (trigger instanceof AndTrigger and) {
            return and.triggers();
        }
        if (trigger instanceof OrTrigger or) {
            return or.triggers();
        }
        return List.of();
    }

    @Override
    public String toString() {
        return "TriggerRegistry" + this.factories.keySet();
    }

}
