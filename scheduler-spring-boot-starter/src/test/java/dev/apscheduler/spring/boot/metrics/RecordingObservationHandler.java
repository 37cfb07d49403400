package dev.apscheduler.spring.boot.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * Records the contexts of the observations it sees stop, as a tracer would turn them into spans.
 */
public class RecordingObservationHandler implements ObservationHandler<Observation.Context> {

    private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

    @Override
    public void onStop(Observation.Context context) {
        this.stopped.add(context);
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return true;
    }

    /**
     * Returns the contexts of the stopped observations, in the order they stopped.
     * @return the contexts
     */
    public List<Observation.Context> stopped() {
        return List.copyOf(this.stopped);
    }

}
