package io.dno.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParametersTest {

    @Test
    void freezesAndUnfreezesByName() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            for (String name : List.of("embed", "layers.0.wq", "layers.0.wq.lora_A", "layers.0.wq.lora_B")) {
                NDArray p = m.zeros(new Shape(2, 3));
                p.setRequiresGradient(true);
                params.put(name, p);
            }
            assertEquals(List.of("embed", "layers.0.wq"), Parameters.freeze(params, name -> !name.contains("lora_")));
            assertFalse(params.get("embed").hasGradient());
            assertEquals(List.of("layers.0.wq.lora_A", "layers.0.wq.lora_B"),
                    List.copyOf(Parameters.trainable(params).keySet()));
            Parameters.unfreeze(params, "embed"::equals);
            assertTrue(params.get("embed").hasGradient());
            assertEquals(24, Parameters.count(params));
        }
    }

    @Test
    void rejectsAPredicateThatMatchesNothing() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> params = Map.of("embed", m.zeros(new Shape(1)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Parameters.freeze(params, name -> name.startsWith("lm_head")));
            assertTrue(e.getMessage().contains("no parameter name matches") && e.getMessage().contains("[embed]"),
                    e.getMessage());
        }
    }
}
