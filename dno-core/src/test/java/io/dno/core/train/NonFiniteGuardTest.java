package io.dno.core.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.train.TrainingDivergedException.Quantity;
import org.junit.jupiter.api.Test;

class NonFiniteGuardTest {

    @Test
    void passesFiniteValues() {
        assertDoesNotThrow(() -> NonFiniteGuard.check(3, 0.69, 12.5, 5e-7));
    }

    @Test
    void namesANanLossWithStepAndAdvice() {
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> NonFiniteGuard.check(12, Double.NaN, 1.0, 5e-5));
        assertEquals(12, e.step());
        assertEquals(Quantity.LOSS, e.quantity());
        assertTrue(Double.isNaN(e.value()));
        assertTrue(e.getMessage().contains("at step 12: the loss is NaN"), e.getMessage());
        assertTrue(e.getMessage().contains("Lower the learning rate (now 5.0E-5)"), e.getMessage());
    }

    @Test
    void namesAnInfiniteGradientNormWhenTheLossIsFinite() {
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> NonFiniteGuard.check(7, 0.5, Double.POSITIVE_INFINITY, 1e-3));
        assertEquals(Quantity.GRADIENT_NORM, e.quantity());
        assertTrue(e.getMessage().contains("at step 7: the gradient norm is Infinity while the loss was finite (0.5)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("optimizer step was skipped"), e.getMessage());
    }

    @Test
    void reportsTheLossFirstWhenBothAreBad() {
        assertEquals(Quantity.LOSS, assertThrows(TrainingDivergedException.class,
                () -> NonFiniteGuard.check(1, Double.NEGATIVE_INFINITY, Double.NaN, 1e-3)).quantity());
        assertEquals(Quantity.LOSS, assertThrows(TrainingDivergedException.class,
                () -> NonFiniteGuard.checkLoss(1, Double.NaN, 1e-3)).quantity());
    }
}
