package io.dno.core.loop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void aTrainingStateIsKeptUntilItsCheckpointExistsThenRemoved() throws Exception {
        RunDirectory dir = new RunDirectory(tmp);
        StepDirectory killedInside = dir.step(1);
        StepDirectory killedAfterCheckpoint = dir.step(2);
        Files.createDirectories(killedInside.trainState());
        Files.createDirectories(killedAfterCheckpoint.trainState());
        Files.createDirectories(killedAfterCheckpoint.checkpoint());
        dir.removeStaleTemporaries();
        assertTrue(Files.isDirectory(killedInside.trainState()), "a stage killed inside training resumes from it");
        assertFalse(Files.exists(killedAfterCheckpoint.trainState()), "killed between checkpoint and clean-up");
        assertTrue(Files.isDirectory(killedAfterCheckpoint.checkpoint()));
    }
}
