package io.dno.cli.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A learning rate of 1e30 makes the loss non-finite in the first iteration: {@code dno run} stops with exit code 2
 * and one message naming the iteration, the step, the checkpoint kept and what to do; the initial checkpoint is
 * untouched and no checkpoint of the diverged iteration exists.
 */
class DivergenceTest {
    @TempDir
    Path tmp;

    @Test
    void aNonFiniteLossStopsTheIterationAndKeepsTheLastGoodCheckpoint() throws Exception {
        Path config = TinyRunFiles.write(tmp.resolve("input"), TinyRunFiles.EXACT_MATCH,
                "{learning_rate: 1.0e30, batch_size: 1, warmup_steps: 0}", "");
        Path out = tmp.resolve("run");
        CliRun run = CliRun.of("run", "--config", config.toString(), "--out", out.toString());
        int code = run.exitCode();
        String message = run.err();
        assertEquals(2, code, message);
        assertTrue(message.contains("dno: iter-1 stopped: training diverged at step "), message);
        assertTrue(message.contains("The last good checkpoint iter-0/checkpoint is kept and no iter-1/checkpoint was "
                + "written") && message.contains("lower trainer.learning_rate"), message);
        assertEquals(1, message.lines().filter(l -> l.startsWith("dno: ")).count(), "one message: " + message);
        assertFalse(Files.exists(out.resolve("iter-1/checkpoint")), "no checkpoint of the diverged iteration");
        assertArrayEquals(Files.readAllBytes(tmp.resolve("input/model/model.safetensors")),
                Files.readAllBytes(out.resolve("iter-0/checkpoint/model.safetensors")),
                "the initial checkpoint holds the initial weights");
        assertEquals(java.util.List.of(), RunFilesCheck.problems(out, false));
        System.out.println("DivergenceTest: " + message.strip());
    }
}
