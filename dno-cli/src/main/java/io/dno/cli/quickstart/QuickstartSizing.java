package io.dno.cli.quickstart;

import io.dno.core.data.Demonstration;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.policy.SamplingParams;
import io.dno.core.train.StepMetrics;
import io.dno.cli.quickstart.student.Student;
import io.dno.cli.quickstart.student.StudentSpec;
import io.dno.cli.quickstart.teacher.BlindSpotTeacher;
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
 * demonstrations and measures the seconds per SFT step, the student's greedy accuracy per task family and on the
 * teacher's blind class, and how often K = 5 samples at the paper's temperature 0.7 / top-p 0.95 hold a correct
 * answer where the teacher is wrong.
 *
 * <p>Usage: {@code QuickstartSizing [sftPrompts] [sftEpochs] [hidden] [layers] [intermediate] [seed] [lr] [batch]
 * [teacherAccuracy] [grouped]}; teacher accuracy 1 trains on clean labels (gate G1); {@code grouped} batches the
 * demonstrations by length (the trainer's default, which the quickstart turns off).
 */
public final class QuickstartSizing {
    private QuickstartSizing() {}

    /** CPU seconds this process has used (all threads): comparable across runs on a shared machine. */
    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    public static void main(String[] args) throws Exception {
        StudentSpec d = StudentSpec.DEFAULT;
        int sftPrompts = args.length > 0 ? Integer.parseInt(args[0]) : PoolSizes.DEFAULT.sft();
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : d.sftEpochs();
        int hidden = args.length > 2 ? Integer.parseInt(args[2]) : d.hiddenSize();
        int layers = args.length > 3 ? Integer.parseInt(args[3]) : d.layers();
        int intermediate = args.length > 4 ? Integer.parseInt(args[4]) : d.intermediateSize();
        long seed = args.length > 5 ? Long.parseLong(args[5]) : 1L;
        double lr = args.length > 6 ? Double.parseDouble(args[6]) : d.sftLearningRate();
        int batch = args.length > 7 ? Integer.parseInt(args[7]) : d.sftBatchSize();
        double p = args.length > 8 ? Double.parseDouble(args[8]) : 0.75;
        boolean grouped = args.length > 9 && args[9].equals("grouped");
        StudentSpec spec = d.withSize(hidden, intermediate, layers, d.heads()).withSftEpochs(epochs)
                .withSftLearningRate(lr).withSftBatchSize(batch);
        BlindSpotTeacher reference = BlindSpotTeacher.withAccuracy(0.75, seed);
        BlindSpotTeacher teacher = p == 1 ? new BlindSpotTeacher(reference.profile().clean(), seed)
                : BlindSpotTeacher.withAccuracy(p, seed);
        PromptPools pools = PromptPools.generate(seed, new PoolSizes(sftPrompts, 1, 400, 0, 400),
                reference.profile().blindShare());
        Path tokenizerDir = Student.writeTokenizer(Files.createTempDirectory("quickstart-tokenizer"));
        try (TransformerPolicy student = Student.random(spec, tokenizerDir, seed)) {
            List<Demonstration> demos = Student.demonstrations(teacher, pools.sft());
            long t0 = System.nanoTime();
            double c0 = cpuSeconds();
            List<StepMetrics> steps = Student.sft(student, demos, spec, seed, m -> { }, grouped);
            double sftSeconds = (System.nanoTime() - t0) / 1e9;
            double sftCpu = cpuSeconds() - c0;
            System.out.printf("model %s, %d parameters%n", spec, student.model().parameterCount());
            System.out.printf((grouped ? "grouped by length; " : "") + "SFT on p=%.2f labels: %d demos x %d epochs = %d steps in %.1f s wall, %.1f s CPU "
                    + "(%.1f ms CPU/step), final loss %.3f%n", p, demos.size(), epochs, steps.size(), sftSeconds,
                    sftCpu, 1000 * sftCpu / steps.size(), steps.get(steps.size() - 1).loss());

            StringBuilder curve = new StringBuilder("loss curve:");
            for (int i = 0; i < steps.size(); i += Math.max(1, steps.size() / 12)) {
                curve.append(String.format(" %d:%.3f", i, steps.get(i).loss()));
            }
            System.out.println(curve);
            List<Prompt> eval = pools.evaluation();
            List<String> greedy = Student.greedyAnswers(student, eval, spec);
            List<String> gold = reference.answer(eval).stream().map(Response::text).toList();
            Map<TaskFamily, int[]> byFamily = new EnumMap<>(TaskFamily.class);
            int[] blind = new int[4];
            for (int i = 0; i < eval.size(); i++) {
                Task task = Task.of(eval.get(i));
                boolean right = Oracle.isCorrect(task, greedy.get(i));
                int[] c = byFamily.computeIfAbsent(task.family(), f -> new int[4]);
                int at = task.inBlindClass() ? 2 : 0;
                c[at] += right ? 1 : 0;
                c[at + 1]++;
                blind[at] += Oracle.isCorrect(task, gold.get(i)) ? 1 : 0;
                blind[at + 1]++;
            }
            System.out.printf("greedy accuracy %.3f (teacher p=0.75 on these prompts %.3f; its blind %.3f, other %.3f)%n",
                    Oracle.accuracy(eval, greedy), Oracle.accuracy(eval, gold), (double) blind[2] / blind[3],
                    (double) blind[0] / blind[1]);
            byFamily.forEach((f, c) -> System.out.printf("  %-8s all %.2f  other %.2f (%d)  blind %.2f (%d)%n", f,
                    (double) (c[0] + c[2]) / (c[1] + c[3]), (double) c[0] / c[1], c[1], (double) c[2] / c[3], c[3]));
            int shown = 0;
            for (int i = 0; i < eval.size() && shown < 15; i++) {
                if (!Oracle.isCorrect(Task.of(eval.get(i)), greedy.get(i))) {
                    System.out.printf("  wrong: %-16s -> %s%n", eval.get(i).text(), greedy.get(i));
                    shown++;
                }
            }

            List<Prompt> part = pools.partitions().get(0);
            SamplingParams k5 = SamplingParams.builder().samplesPerPrompt(5).temperature(0.7).topP(0.95).topK(0)
                    .maxNewTokens(spec.maxNewTokens()).seed(seed).build();
            t0 = System.nanoTime();
            List<List<Response>> samples = student.generate(part, k5);
            double sampleSeconds = (System.nanoTime() - t0) / 1e9;
            List<String> teacherPart = reference.answer(part).stream().map(Response::text).toList();
            int teacherWrong = 0;
            int covered = 0;
            long correct = 0;
            for (int i = 0; i < part.size(); i++) {
                Task task = Task.of(part.get(i));
                long right = samples.get(i).stream().filter(r -> Oracle.isCorrect(task, r.text())).count();
                correct += right;
                if (!Oracle.isCorrect(task, teacherPart.get(i))) {
                    teacherWrong++;
                    covered += right > 0 ? 1 : 0;
                }
            }
            System.out.printf("K=5 sampling of %d prompts: %.2f s; sample accuracy %.3f; where the teacher is wrong "
                    + "(%d prompts) a sample is right on %.3f%n", part.size(), sampleSeconds,
                    correct / (5.0 * part.size()), teacherWrong, (double) covered / teacherWrong);
        }
    }
}
