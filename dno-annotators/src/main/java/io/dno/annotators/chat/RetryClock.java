package io.dno.annotators.chat;

import java.time.Duration;
import java.time.Instant;

/**
 * The time an {@link OpenAiChatClient}'s retries read and spend: {@link #now()} to read a {@code Retry-After}
 * HTTP date, {@link #sleep} to back off. {@link #SYSTEM} is the wall clock; a test passes one that records the
 * waits instead of waiting.
 */
public interface RetryClock {

    /** The wall clock and {@link Thread#sleep}. */
    RetryClock SYSTEM = new RetryClock() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleep(Duration delay) throws InterruptedException {
            Thread.sleep(delay.toMillis(), (int) (delay.toNanos() % 1_000_000));
        }
    };

    /** The current instant. */
    Instant now();

    /** Waits {@code delay} before the next attempt. */
    void sleep(Duration delay) throws InterruptedException;
}
