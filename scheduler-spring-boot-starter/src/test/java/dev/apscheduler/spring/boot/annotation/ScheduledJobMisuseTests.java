package dev.apscheduler.spring.boot.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apscheduler.job.JobContext;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import dev.apscheduler.spring.boot.support.FailureAnalyses;
import dev.apscheduler.spring.boot.support.ManualSchedulerConfiguration;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Every misuse of {@code @ScheduledJob} and {@code @JobTask} fails the startup with a message naming the bean, the
 * method and the attribute, and a failure analysis that says what to correct.
 */
class ScheduledJobMisuseTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ApschedulerAutoConfiguration.class))
        .withUserConfiguration(ManualSchedulerConfiguration.class);

    @Test
    void aParameterThatCannotBeSuppliedFailsTheStartup() {
        assertFailure(WithParameter.class, null, "parameter 'recipient' of type java.lang.String cannot be "
                + "supplied: a @ScheduledJob method takes no parameter or a JobContext");
    }

    @Test
    void anInvalidTriggerParameterNamesItsAttribute() {
        assertFailure(BadHour.class, "hour", "cron field 'hour'");
    }

    @Test
    void anInvalidCrontabNamesTheCronAttribute() {
        assertFailure(BadCrontab.class, "cron", "crontab");
    }

    @Test
    void anUnknownTriggerAliasNamesTheTriggerAttribute() {
        assertFailure(UnknownTrigger.class, "trigger", "unknown trigger alias 'weekly'");
    }

    @Test
    void aCrontabWithAnotherTriggerNamesTheCronAttribute() {
        assertFailure(CrontabWithInterval.class, "cron", "a crontab string needs trigger 'cron', not 'interval'");
    }

    @Test
    void noTriggerFailsTheStartup() {
        assertFailure(NoTrigger.class, null, "no trigger: set 'cron', an interval unit");
    }

    @Test
    void attributesThatDoNotTellTheTriggerNameTheTriggerAttribute() {
        assertFailure(Ambiguous.class, "trigger", "cannot tell the trigger from the attributes [days, hour]");
    }

    @Test
    void anUnknownExecutorNamesTheExecutorAttribute() {
        assertFailure(UnknownExecutor.class, "executor",
                "no executor is configured under the alias 'gpu' (configured: default, inline)");
    }

    @Test
    void anUnknownJobStoreNamesTheJobstoreAttribute() {
        assertFailure(UnknownJobStore.class, "jobstore",
                "no job store is configured under the alias 'redis' (configured: archive, default)");
    }

    @Test
    void anUnresolvablePlaceholderNamesItsAttribute() {
        assertFailure(Unresolvable.class, "minutes", "cannot resolve '${report.every}'");
    }

    @Test
    void anInvalidMisfireGraceTimeNamesItsAttribute() {
        assertFailure(BadGraceTime.class, "misfireGraceTime", "invalid value 'soon'");
    }

    @Test
    void aZeroMaxInstancesNamesItsAttribute() {
        assertFailure(ZeroInstances.class, "maxInstances", "invalid value '0': expected a whole number of at least 1");
    }

    @Test
    void aCoalesceThatIsNotABooleanNamesItsAttribute() {
        assertFailure(BadCoalesce.class, "coalesce", "invalid value 'maybe': expected 'true' or 'false'");
    }

    @Test
    void anOutOfRangeMaxAttemptsNamesItsAttribute() {
        assertFailure(ZeroAttempts.class, "maxAttempts", "max_attempts must be between 1 and 1000, was 0");
    }

    @Test
    void aMaxAttemptsThatIsNotANumberNamesItsAttribute() {
        assertFailure(ManyAttempts.class, "maxAttempts", "max_attempts must be a number of attempts, was 'many'");
    }

    @Test
    void aRetryBackoffThatIsNotADurationNamesItsAttribute() {
        assertFailure(BadBackoff.class, "retryBackoff", "invalid value 'soon': expected a duration");
    }

    @Test
    void aRetryMultiplierBelowOneNamesItsAttribute() {
        assertFailure(ShrinkingBackoff.class, "retryMultiplier", "retry_multiplier must be between 1 and 100, was 0.5");
    }

    @Test
    void aRetryMaxBackoffBelowTheBackoffNamesItsAttribute() {
        assertFailure(ShortMaxBackoff.class, "retryMaxBackoff",
                "retry_max_backoff must be at least retry_backoff (PT10S) and at most 365 days, was PT5S");
    }

    @Test
    void aRetryJitterAboveOneDayNamesItsAttribute() {
        assertFailure(LongJitter.class, "retryJitter", "retry_jitter must be between 0 and 1 day, was PT48H");
    }

    @Test
    void aZeroTimeoutNamesItsAttribute() {
        assertFailure(ZeroTimeout.class, "timeout", "timeout must be positive and at most 365 days, or null (none), "
                + "was PT0S");
    }

    @Test
    void aTimeoutThatIsNotADurationNamesItsAttribute() {
        assertFailure(BadTimeout.class, "timeout", "invalid value 'forever': expected a duration");
    }

    @Test
    void duplicateIdsFailTheStartupNamingBothMethods() {
        this.contextRunner.withBean("first", First.class).withBean("second", Second.class).run((context) -> {
            InvalidScheduledJobException failure = failure(context.getStartupFailure());
            assertThat(failure.getAttribute()).isEqualTo("id");
            assertThat(failure.getMessage()).contains("job id 'cleanup' is also declared by method "
                    + First.class.getName() + ".run() of bean 'first'")
                .contains("on method " + Second.class.getName() + ".run() of bean 'second'");
        });
    }

    @Test
    void duplicateTaskNamesFailTheStartupNamingBothMethods() {
        this.contextRunner.withBean("first", FirstTask.class).withBean("second", SecondTask.class).run((context) -> {
            InvalidScheduledJobException failure = failure(context.getStartupFailure());
            assertThat(failure.getAttribute()).isEqualTo("value");
            assertThat(failure.getMessage()).contains("task name 'export' is also declared by method "
                    + FirstTask.class.getName() + ".export() of bean 'first'");
        });
    }

    @Test
    void aPrivateMethodOfAProxiedBeanFailsTheStartup() {
        this.contextRunner.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
            .withBean(TracingAspect.class)
            .withBean("proxied", PrivateMethod.class)
            .run((context) -> {
                InvalidScheduledJobException failure = failure(context.getStartupFailure());
                assertThat(failure.getMessage()).contains("the method cannot be called through the bean's proxy");
            });
    }

    private void assertFailure(Class<?> beanType, String attribute, String problem) {
        this.contextRunner.withBean("jobs", beanType).run((context) -> {
            assertThat(context).hasFailed();
            InvalidScheduledJobException failure = failure(context.getStartupFailure());
            String method = beanType.getName() + ".run(";
            assertThat(failure.getBeanName()).isEqualTo("jobs");
            assertThat(failure.getMethod()).startsWith(method);
            assertThat(failure.getAttribute()).isEqualTo(attribute);
            assertThat(failure.getMessage()).startsWith("Invalid job declaration on method " + method)
                .contains(" of bean 'jobs'" + ((attribute != null) ? ", attribute '" + attribute + "'" : "") + ": ")
                .contains(problem);
            FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure(), null);
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).isEqualTo(failure.getMessage());
            String correct = (attribute != null) ? "Correct attribute '" + attribute + "' of the job declaration on "
                    : "Correct the job declaration on ";
            assertThat(analysis.getAction()).isEqualTo(correct + "method " + failure.getMethod() + " of bean 'jobs'.");
        });
    }

    static InvalidScheduledJobException failure(Throwable startupFailure) {
        Throwable candidate = startupFailure;
        while (candidate != null) {
            if (candidate instanceof InvalidScheduledJobException invalid) {
                return invalid;
            }
            candidate = candidate.getCause();
        }
        throw new AssertionError("no InvalidScheduledJobException in " + startupFailure, startupFailure);
    }

    static class WithParameter {

        @ScheduledJob(seconds = "10")
        void run(String recipient) {
        }

    }

    static class BadHour {

        @ScheduledJob(hour = "25")
        void run() {
        }

    }

    static class BadCrontab {

        @ScheduledJob(cron = "0 3 * *")
        void run() {
        }

    }

    static class UnknownTrigger {

        @ScheduledJob(trigger = "weekly", hour = "3")
        void run() {
        }

    }

    static class CrontabWithInterval {

        @ScheduledJob(trigger = "interval", cron = "0 3 * * *")
        void run() {
        }

    }

    static class NoTrigger {

        @ScheduledJob(timezone = "UTC")
        void run() {
        }

    }

    static class Ambiguous {

        @ScheduledJob(days = "1", hour = "3")
        void run() {
        }

    }

    static class UnknownExecutor {

        @ScheduledJob(seconds = "10", executor = "gpu")
        void run(JobContext context) {
        }

    }

    static class UnknownJobStore {

        @ScheduledJob(seconds = "10", jobstore = "redis")
        void run() {
        }

    }

    static class Unresolvable {

        @ScheduledJob(minutes = "${report.every}")
        void run() {
        }

    }

    static class BadGraceTime {

        @ScheduledJob(seconds = "10", misfireGraceTime = "soon")
        void run() {
        }

    }

    static class ZeroInstances {

        @ScheduledJob(seconds = "10", maxInstances = "0")
        void run() {
        }

    }

    static class BadCoalesce {

        @ScheduledJob(seconds = "10", coalesce = "maybe")
        void run() {
        }

    }

    static class ZeroAttempts {

        @ScheduledJob(seconds = "10", maxAttempts = "0")
        void run() {
        }

    }

    static class ManyAttempts {

        @ScheduledJob(seconds = "10", maxAttempts = "many")
        void run() {
        }

    }

    static class BadBackoff {

        @ScheduledJob(seconds = "10", maxAttempts = "3", retryBackoff = "soon")
        void run() {
        }

    }

    static class ShrinkingBackoff {

        @ScheduledJob(seconds = "10", maxAttempts = "3", retryMultiplier = "0.5")
        void run() {
        }

    }

    static class ShortMaxBackoff {

        @ScheduledJob(seconds = "10", maxAttempts = "3", retryBackoff = "10s", retryMaxBackoff = "5s")
        void run() {
        }

    }

    static class LongJitter {

        @ScheduledJob(seconds = "10", maxAttempts = "3", retryJitter = "2d")
        void run() {
        }

    }

    static class ZeroTimeout {

        @ScheduledJob(seconds = "10", timeout = "0s")
        void run() {
        }

    }

    static class BadTimeout {

        @ScheduledJob(seconds = "10", timeout = "forever")
        void run() {
        }

    }

    static class First {

        @ScheduledJob(id = "cleanup", seconds = "10")
        void run() {
        }

    }

    static class Second {

        @ScheduledJob(id = "cleanup", hours = "1")
        void run() {
        }

    }

    static class FirstTask {

        @JobTask("export")
        void export() {
        }

    }

    static class SecondTask {

        @JobTask("export")
        void export() {
        }

    }

    static class PrivateMethod {

        @ScheduledJob(seconds = "10")
        private void run() {
        }

        public void traced() {
        }

    }

    @Aspect
    static class TracingAspect {

        @Around("execution(* dev.apscheduler.spring.boot.annotation.ScheduledJobMisuseTests.PrivateMethod.traced(..))")
        Object trace(ProceedingJoinPoint joinPoint) throws Throwable {
            return joinPoint.proceed();
        }

    }

}
