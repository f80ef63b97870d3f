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

        @Override
        public Loss withOtherHyperparameters() {
            return null;
        }
    }

    @Nested
    class Dpo implements LossContract {
        @Override
        public Loss subject() {
            return Losses.dpo(0.1);
        }

        @Override
        public Loss withOtherHyperparameters() {
            return Losses.dpo(0.2);
        }
    }

    @Nested
    class ConservativeDpo implements LossContract {
        @Override
        public Loss subject() {
            return Losses.conservativeDpo(0.1, 0.1);
        }

        @Override
        public Loss withOtherHyperparameters() {
            return Losses.conservativeDpo(0.1, 0.2);
        }
    }

    @Nested
    class RobustDpo implements LossContract {
        @Override
        public Loss subject() {
            return Losses.robustDpo(0.1, 0.1);
        }

        @Override
        public Loss withOtherHyperparameters() {
            return Losses.robustDpo(0.1, 0.2);
        }
    }

    @Nested
    class Ipo implements LossContract {
        @Override
        public Loss subject() {
            return Losses.ipo(0.1);
        }

        @Override
        public Loss withOtherHyperparameters() {
            return Losses.ipo(0.2);
        }
    }

    @Nested
    class Hinge implements LossContract {
        @Override
        public Loss subject() {
            return Losses.hinge(0.1);
        }

        @Override
        public Loss withOtherHyperparameters() {
            return Losses.hinge(0.2);
        }
    }

    @Nested
    class SimPo implements LossContract {
        @Override
        public Loss subject() {
            return Losses.lengthNormalized(2, 0.5, false);
        }

        @Override
        public Loss withOtherHyperparameters() {
            return Losses.lengthNormalized(2, 0.25, false);
        }
    }

    @Nested
    class LengthNormalizedWithReference implements LossContract {
        @Override
        public Loss subject() {
            return Losses.lengthNormalized(2, 0.5, true);
        }

        @Override
        public Loss withOtherHyperparameters() {
            return Losses.lengthNormalized(2.5, 0.5, true);
        }
    }

    @Nested
    class SimPoWithNll implements LossContract {
        @Override
        public Loss subject() {
            return Losses.withNll(Losses.lengthNormalized(2, 0.5, false), 1);
        }

        @Override
        public Loss withOtherHyperparameters() {
            return Losses.withNll(Losses.lengthNormalized(2, 0.5, false), 0.5);
        }
    }

    @Nested
    class DnoRegression implements LossContract {
        @Override
        public Loss subject() {
            return Losses.dnoRegression(0.1);
        }

        @Override
        public Loss withOtherHyperparameters() {
            return Losses.dnoRegression(0.2);
        }
    }

    @Nested
    class DnoContrastive implements LossContract {
        @Override
        public Loss subject() {
            return Losses.dnoContrastive(0.1);
        }

        @Override
        public Loss withOtherHyperparameters() {
            return Losses.dnoContrastive(0.2);
        }
    }
}
