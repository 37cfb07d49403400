package dev.apscheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.support.CountdownTrigger;
import dev.apscheduler.support.CountdownTriggerFactory;
import dev.apscheduler.support.EveryTrigger;
import dev.apscheduler.support.EveryTriggerFactory;
import dev.apscheduler.testing.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * Trigger kinds that are not built in: found with {@link java.util.ServiceLoader} (the test class path lists
 * {@link CountdownTriggerFactory}), added in code, and built, combined and checked by {@link TriggerRegistry}.
 */
class TriggerRegistryTests {

    private static final ZoneId UTC = ZoneId.of("UTC");

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, UTC);

    private static final MutableClock CLOCK = MutableClock.at(T0);

    @Test
    void findsTheFactoriesListedInMetaInfServices() {
        assertThat(TriggerRegistry.defaults().aliases()).containsExactly("date", "interval", "cron",
                "calendarinterval", "and", "or", "countdown");
        assertThat(TriggerRegistry.load(getClass().getClassLoader()).contains("countdown")).isTrue();
        assertThat(TriggerRegistry.builtIn().contains("countdown")).isFalse();
        assertThat(TriggerRegistry.builtIn().aliases()).containsExactlyElementsOf(Triggers.ALIASES);
    }

    @Test
    void triggersCreateBuildsListedKindsByAlias() {
        Trigger trigger = Triggers.create("Countdown", Map.of("seconds", "10", "count", 2, "startDate",
                "2030-01-01 00:00:30"), UTC);
        assertThat(trigger).isEqualTo(new CountdownTrigger(Duration.ofSeconds(10), 2, T0.plusSeconds(30)));
        assertThat(trigger.nextFireTime(null, T0)).contains(T0.plusSeconds(30));
        assertThat(trigger.nextFireTime(T0.plusSeconds(30), T0.plusSeconds(30))).contains(T0.plusSeconds(40));
        assertThat(trigger.nextFireTime(T0.plusSeconds(40), T0.plusSeconds(40))).isEmpty();
    }

    @Test
    void aFactoryReadsParametersWithTheBuiltInKindsRules() {
        Trigger defaults = TriggerRegistry.defaults().create("countdown", Map.of(), UTC, CLOCK);
        assertThat(defaults).isEqualTo(new CountdownTrigger(Duration.ofSeconds(1), 1, T0));
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.create("countdown", Map.of("seconds", "often"), UTC))
            .withMessage("trigger 'countdown' parameter 'seconds': invalid value 'often': not a number")
            .satisfies((ex) -> assertThat(ex.parameter()).contains("seconds"));
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.create("countdown", Map.of("seconds", 0), UTC))
            .withMessage("trigger 'countdown' parameter 'seconds': invalid value '0': must be at least 1")
            .satisfies((ex) -> assertThat(ex.parameter()).contains("seconds"));
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.create("countdown", Map.of("times", 3), UTC))
            .withMessage("trigger 'countdown': unknown parameter 'times' (known: count, seconds, start_date, "
                    + "timezone)")
            .satisfies((ex) -> assertThat(ex.parameter()).contains("times"));
    }

    @Test
    void kindsAddedInCodeAreBuiltByAliasAndReplaceListedOnes() {
        TriggerFactory everyFiveSeconds = TriggerFactory.of("countdown",
                (parameters) -> new CountdownTrigger(Duration.ofSeconds(5), 1, T0));
        TriggerRegistry registry = TriggerRegistry.defaults().with(List.of(new EveryTriggerFactory(),
                everyFiveSeconds));
        assertThat(registry.aliases()).endsWith("countdown", "every");
        assertThat(registry.create("every", Map.of("seconds", 2, "start_date", "2030-01-01T00:00:00Z"), UTC, CLOCK))
            .isEqualTo(EveryTrigger.every(Duration.ofSeconds(2), T0));
        assertThat(registry.create("countdown", Map.of(), UTC, CLOCK))
            .isEqualTo(new CountdownTrigger(Duration.ofSeconds(5), 1, T0));
        assertThat(TriggerRegistry.defaults().contains("every")).isFalse();
    }

    @Test
    void combinationsNestRegisteredKinds() {
        TriggerRegistry registry = TriggerRegistry.defaults().with(List.of(new EveryTriggerFactory()));
        Map<String, Object> parameters = Map.of("triggers", List.of(
                Map.of("trigger", "every", "params", Map.of("seconds", 60, "start_date", "2030-01-01T00:00:00Z")),
                Map.of("trigger", "countdown", "params", Map.of("seconds", 30, "count", 4))));
        Trigger or = registry.create("or", parameters, UTC, CLOCK);
        assertThat(or.nextFireTime(null, T0.plusSeconds(1))).contains(T0.plusSeconds(30));
        assertThat(registry.create(or.alias(), or.parameters(), UTC, CLOCK)).isEqualTo(or);
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> TriggerRegistry.defaults().create("or", parameters, UTC, CLOCK))
            .withMessageStartingWith("trigger 'or' parameter 'triggers[0]': unknown trigger alias 'every'")
            .satisfies((ex) -> assertThat(ex.parameter()).contains("triggers[0]"));
    }

    @Test
    void anUnknownAliasNamesTheKnownOnesAndHowToRegisterAKind() {
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.create("weekly", Map.of("hour", 3)))
            .withMessage("unknown trigger alias 'weekly' (known: date, interval, cron, calendarinterval, and, or, "
                    + "countdown); to use a trigger kind of your own, register a dev.apscheduler.trigger."
                    + "TriggerFactory for it (listed in META-INF/services/dev.apscheduler.trigger.TriggerFactory, "
                    + "given to SchedulerBuilder.triggerFactory, or, with Spring Boot, as a bean)")
            .satisfies((ex) -> assertThat(ex.parameter()).isEmpty());
    }

    @Test
    void findsTheAliasesItCouldNotRebuild() {
        Trigger every = EveryTrigger.every(Duration.ofSeconds(2), T0);
        Trigger cron = Triggers.crontab("0 3 * * *", UTC);
        assertThat(TriggerRegistry.defaults().unregisteredAlias(cron)).isEmpty();
        assertThat(TriggerRegistry.defaults().unregisteredAlias(every)).contains("every");
        assertThat(TriggerRegistry.defaults().unregisteredAlias(Triggers.and(cron, Triggers.or(cron, every))))
            .contains("every");
        assertThat(TriggerRegistry.defaults().with(List.of(new EveryTriggerFactory()))
            .unregisteredAlias(Triggers.and(cron, every))).isEmpty();
    }

    @Test
    void builtInKindsCannotBeReplaced() {
        TriggerFactory cron = TriggerFactory.of("Cron", (parameters) -> Triggers.crontab("* * * * *"));
        assertThatExceptionOfType(ConfigurationException.class)
            .isThrownBy(() -> TriggerRegistry.defaults().with(List.of(cron)))
            .withMessage("Trigger factory TriggerFactory[Cron] claims the alias 'cron' of a built-in trigger kind, "
                    + "which cannot be replaced: give it another alias");
    }

    @Test
    void twoFactoriesCannotShareAnAlias() {
        assertThatExceptionOfType(ConfigurationException.class)
            .isThrownBy(() -> TriggerRegistry.builtIn().with(List.of(new CountdownTriggerFactory(),
                    TriggerFactory.of("countdown", (parameters) -> Triggers.crontab("* * * * *")))))
            .withMessage("Trigger factories dev.apscheduler.support.CountdownTriggerFactory and "
                    + "TriggerFactory[countdown] both claim the alias 'countdown': keep one of them");
        assertThatExceptionOfType(ConfigurationException.class)
            .isThrownBy(() -> TriggerRegistry.builtIn().with(List.of(TriggerFactory.of(" ", (p) -> null))))
            .withMessage("Trigger factory TriggerFactory[ ] has no alias");
    }

    @Test
    void aFactoryMustBuildTriggersOfItsOwnAlias() {
        TriggerRegistry registry = TriggerRegistry.builtIn().with(List.of(TriggerFactory.of("nightly",
                (parameters) -> Triggers.crontab("0 3 * * *", UTC))));
        assertThatIllegalStateException().isThrownBy(() -> registry.create("nightly", Map.of(), UTC, CLOCK))
            .withMessage("Trigger factory TriggerFactory[nightly] for alias 'nightly' built a trigger whose alias "
                    + "is 'cron'");
    }

}
