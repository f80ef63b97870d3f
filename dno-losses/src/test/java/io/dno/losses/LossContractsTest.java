package io.dno.losses;

import io.dno.core.train.Loss;
import io.dno.core.train.LossContract;
import org.junit.jupiter.api.Nested;

/** Every loss of the factory runs core's {@link LossContract}. */
class LossContractsTest {

    @Nested
    class Sft implements LossContract {
        @Override
        public Loss subject() {
            return Losses.sft();
        }
    }

    @Nested
    class Dpo implements LossContract {
        @Override
        public Loss subject() {
            return Losses.dpo(0.1);
        }
    }

    @Nested
    class ConservativeDpo implements LossContract {
        @Override
        public Loss subject() {
            return Losses.conservativeDpo(0.1, 0.1);
        }
    }

    @Nested
    class RobustDpo implements LossContract {
        @Override
        public Loss subject() {
            return Losses.robustDpo(0.1, 0.1);
        }
    }

    @Nested
    class Ipo implements LossContract {
        @Override
        public Loss subject() {
            return Losses.ipo(0.1);
        }
    }

    @Nested
    class Hinge implements LossContract {
        @Override
        public Loss subject() {
            return Losses.hinge(0.1);
        }
    }

    @Nested
    class SimPo implements LossContract {
        @Override
        public Loss subject() {
            return Losses.lengthNormalized(2, 0.5, false);
        }
    }

    @Nested
    class LengthNormalizedWithReference implements LossContract {
        @Override
        public Loss subject() {
            return Losses.lengthNormalized(2, 0.5, true);
        }
    }

    @Nested
    class SimPoWithNll implements LossContract {
        @Override
        public Loss subject() {
            return Losses.withNll(Losses.lengthNormalized(2, 0.5, false), 1);
        }
    }

    @Nested
    class DnoRegression implements LossContract {
        @Override
        public Loss subject() {
            return Losses.dnoRegression(0.1);
        }
    }

    @Nested
    class DnoContrastive implements LossContract {
        @Override
        public Loss subject() {
            return Losses.dnoContrastive(0.1);
        }
    }
}
