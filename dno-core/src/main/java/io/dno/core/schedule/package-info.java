/**
 * One {@link io.dno.core.schedule.Schedule} per {@link io.dno.core.Strategy}: which stages an iteration runs, what
 * the strategy requires of a composition, its default pair rule and loss, and what its training data counts as.
 * {@link io.dno.core.schedule.Schedules#of} is the one place that dispatches on the strategy's type, so a new
 * strategy is its record plus one schedule class (and one line there).
 */
package io.dno.core.schedule;
