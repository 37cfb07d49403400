package dev.apscheduler.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Replaces the auto-configured scheduler with the core's {@link dev.apscheduler.testing.ManualScheduler} on a
 * {@link dev.apscheduler.testing.MutableClock} bean, for tests of an application's jobs that move time on instead of
 * waiting for it. The test injects both: {@code scheduler.advance(Duration)} moves the clock, stopping at every fire
 * time on the way and running the jobs due then on the test's thread; {@code clock.set(...)} followed by
 * {@code scheduler.runDue()} jumps. {@code @ScheduledJob} methods, {@code apscheduler.jobs.*} and the job stores are
 * configured as in the application; every executor runs jobs on the caller's thread.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureManualScheduler
 * class ReportJobTests {
 *
 *     @Autowired ManualScheduler scheduler;
 *
 *     @Test
 *     void sendsAReportEveryHour() {
 *         this.scheduler.advance(Duration.ofHours(3));
 *         // assert three reports were sent
 *     }
 * }
 * }</pre>
 *
 * <p>The clock starts at the current second in UTC; a test that needs a fixed start defines a {@code MutableClock}
 * bean of its own. Imports the auto-configurations listed in
 * {@code META-INF/spring/dev.apscheduler.spring.boot.test.AutoConfigureManualScheduler.imports}, as Boot's
 * {@code @AutoConfigure...} annotations do.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureManualScheduler {

}
