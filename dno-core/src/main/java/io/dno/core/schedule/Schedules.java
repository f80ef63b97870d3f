package io.dno.core.schedule;

import io.dno.core.Strategy;
import java.util.List;

/** The schedule of each strategy: the one place that dispatches on a strategy's type. */
public final class Schedules {
    private Schedules() {}

    public static Schedule of(Strategy strategy) {
        if (strategy instanceof Strategy.Sft sft) {
            return new SftSchedule(sft);
        }
        if (strategy instanceof Strategy.Dpo dpo) {
            return new DpoSchedule(dpo);
        }
        if (strategy instanceof Strategy.Spin spin) {
            return new SpinSchedule(spin);
        }
        if (strategy instanceof Strategy.Dno dno) {
            return new DnoSchedule(dno);
        }
        throw new IllegalArgumentException("no schedule for strategy " + strategy);
    }

    static void require(boolean ok, String problem, List<String> problems) {
        if (!ok) {
            problems.add(problem);
        }
    }
}
