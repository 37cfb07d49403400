package dev.apscheduler.spring.boot.metrics;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} for job runs; define a bean of this type to replace
 * {@link DefaultJobRunObservationConvention}.
 */
public interface JobRunObservationConvention extends ObservationConvention<JobRunObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof JobRunObservationContext;
    }

}
