package io.dno.annotators;

import io.dno.annotators.chat.RetryClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link RetryClock} at a fixed instant that records each back-off instead of waiting, and moves on by it. */
final class RecordingRetryClock implements RetryClock {
    private volatile Instant now;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    RecordingRetryClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public void sleep(Duration delay) {
        waits.add(delay);
        now = now.plus(delay);
    }

    /** Every back-off asked for, in order. */
    List<Duration> waits() {
        return List.copyOf(waits);
    }
}
