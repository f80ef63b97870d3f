package io.dno.cli.quickstart;

import io.dno.core.data.Demonstration;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.policy.SamplingParams;
import io.dno.core.train.StepMetrics;
import io.dno.cli.quickstart.student.Student;
import io.dno.cli.quickstart.student.StudentSpec;
import io.dno.cli.quickstart.teacher.NoisyTeacher;
import io.dno.cli.quickstart.world.Oracle;
import io.dno.cli.quickstart.world.PoolSizes;
import io.dno.cli.quickstart.world.PromptPools;
import io.dno.cli.quickstart.world.Task;
import io.dno.cli.quickstart.world.TaskFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark (not a test) that sizes the quickstart experiment: it trains the student by SFT on teacher
 * demonstrations and measures the seconds per SFT step, the student's greedy accuracy per task family, and
 * the cost of sampling K=5 answers per prompt at the paper's temperature 0.7 / top-p 0.95.
 *
 * <p>Usage: {@code QuickstartSizing [sftPrompts] [sftEpochs] [hidden] [layers] [seed] [lr] [batch]}.
 */
public final class QuickstartSizing {
    private QuickstartSizing() {}

    /** CPU seconds this process has used (all threads): comparable across runs on a shared machine. */
    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    public static void main(String[] args) throws Exception {
        int sftPrompts = args.length > 0 ? Integer.parseInt(args[0]) : PoolSizes.DEFAULT.sft();
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : StudentSpec.DEFAULT.sftEpochs();
        int hidden = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int layers = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1L;
        double lr = args.length > 5 ? Double.parseDouble(args[5]) : StudentSpec.DEFAULT.sftLearningRate();
        int batch = args.length > 6 ? Integer.parseInt(args[6]) : StudentSpec.DEFAULT.sftBatchSize();
        StudentSpec spec = StudentSpec.DEFAULT.withSize(hidden, hidden * 11 / 4, layers, 4).withSftEpochs(epochs)
                .withSftLearningRate(lr).withSftBatchSize(batch);
        PromptPools pools = PromptPools.generate(seed, new PoolSizes(sftPrompts, 3, 200, 0, 200));
        NoisyTeacher teacher = NoisyTeacher.withAccuracy(NoisyTeacher.DEFAULT_ACCURACY, seed);
        Path tokenizerDir = Student.writeTokenizer(Files.createTempDirectory("quickstart-tokenizer"));
        try (TransformerPolicy student = Student.random(spec, tokenizerDir, seed)) {
            List<Demonstration> demos = Student.demonstrations(teacher, pools.sft());
            long t0 = System.nanoTime();
            double c0 = cpuSeconds();
            List<StepMetrics> steps = Student.sft(student, demos, spec, seed);
            double sftSeconds = (System.nanoTime() - t0) / 1e9;
            double sftCpu = cpuSeconds() - c0;
            System.out.printf("model %s%n", spec);
            System.out.printf("SFT: %d demos x %d epochs = %d steps in %.1f s wall, %.1f s CPU (%.3f s CPU/step),"
                    + " final loss %.3f%n", demos.size(), epochs, steps.size(), sftSeconds, sftCpu,
                    sftCpu / steps.size(), steps.get(steps.size() - 1).loss());

            List<Prompt> eval = pools.evaluation();
            t0 = System.nanoTime();
            List<String> greedy = Student.greedyAnswers(student, eval, spec);
            double greedySeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("greedy on %d prompts: %.2f s; accuracy %.3f; teacher accuracy %.3f%n", eval.size(),
                    greedySeconds, Oracle.accuracy(eval, greedy), Oracle.accuracy(eval,
                            teacher.answer(eval).stream().map(Response::text).toList()));
            Map<TaskFamily, int[]> byFamily = new EnumMap<>(TaskFamily.class);
            for (int i = 0; i < eval.size(); i++) {
                Task task = Task.of(eval.get(i));
                int[] c = byFamily.computeIfAbsent(task.family(), f -> new int[2]);
                c[0] += Oracle.isCorrect(task, greedy.get(i)) ? 1 : 0;
                c[1]++;
            }
            byFamily.forEach((f, c) -> System.out.printf("  %-8s %.2f%n", f, (double) c[0] / c[1]));
            for (int i = 0; i < 8; i++) {
                System.out.printf("  %-16s -> %s%n", eval.get(i).text(), greedy.get(i));
            }

            List<Prompt> part = pools.partitions().get(0);
            SamplingParams k5 = new SamplingParams(5, 0.7, 0.95, 0, spec.maxNewTokens(), seed);
            t0 = System.nanoTime();
            c0 = cpuSeconds();
            List<List<Response>> samples = student.generate(part, k5);
            double sampleSeconds = (System.nanoTime() - t0) / 1e9;
            double sampleCpu = cpuSeconds() - c0;
            long correct = 0;
            long distinct = 0;
            for (int i = 0; i < part.size(); i++) {
                Task task = Task.of(part.get(i));
                correct += samples.get(i).stream().filter(r -> Oracle.isCorrect(task, r.text())).count();
                distinct += samples.get(i).stream().map(Response::text).distinct().count();
            }
            System.out.printf("K=5 sampling of %d prompts: %.2f s wall, %.2f s CPU; sample accuracy %.3f;"
                    + " distinct per prompt %.2f%n", part.size(), sampleSeconds, sampleCpu,
                    correct / (5.0 * part.size()), distinct / (double) part.size());
        }
    }
}
