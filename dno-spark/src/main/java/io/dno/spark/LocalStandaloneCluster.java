package io.dno.spark;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A real Spark standalone cluster on 127.0.0.1, started from the jars of this JVM's class path: a Master and
 * {@code workers} Workers, each its own JVM process, each Worker launching executors as further processes (Spark's
 * launcher wants a {@code SPARK_HOME} holding {@code jars/}, made here of links, and {@code SPARK_SCALA_VERSION}).
 * For the standalone-cluster test and {@code dno bench spark}; a real cluster is started with Spark's own scripts.
 * Nothing listens beyond the loopback address.
 */
public final class LocalStandaloneCluster implements AutoCloseable {
    private static final String HOST = "127.0.0.1";

    private final Path dir;
    private final Process master;
    private final List<Process> workers;
    private final String url;

    private LocalStandaloneCluster(Path dir, Process master, List<Process> workers, String url) {
        this.dir = dir;
        this.master = master;
        this.workers = workers;
        this.url = url;
    }

    /**
     * Starts a Master and {@code workers} Workers of {@code cores} cores and {@code memory} (e.g. {@code 1g}) each,
     * logging under {@code dir}, and waits until every Worker has registered.
     */
    public static LocalStandaloneCluster start(Path dir, int workers, int cores, String memory, Duration timeout) {
        checkArgument(workers >= 1 && cores >= 1, "workers and cores must be >= 1, got %s and %s", workers, cores);
        List<Process> started = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            Path home = sparkHome(dir.resolve("spark-home"));
            String classPath = ClassPath.asString(ClassPath.entries());
            int port = freePort();
            String url = "spark://" + HOST + ":" + port;
            Process master = launch(dir.resolve("master.log"), home, classPath, List.of(
                    "org.apache.spark.deploy.master.Master", "--host", HOST, "--port", Integer.toString(port),
                    "--webui-port", "0"));
            started.add(master);
            awaitLine(master, dir.resolve("master.log"), "I have been elected leader", timeout);
            List<Process> ws = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                Path log = dir.resolve("worker-" + i + ".log");
                Process w = launch(log, home, classPath, List.of("org.apache.spark.deploy.worker.Worker", "--host",
                        HOST, "--cores", Integer.toString(cores), "--memory", memory, "--webui-port", "0",
                        "--work-dir", dir.resolve("worker-" + i).toString(), url));
                started.add(w);
                ws.add(w);
            }
            for (int i = 0; i < workers; i++) {
                awaitLine(ws.get(i), dir.resolve("worker-" + i + ".log"), "Successfully registered with master",
                        timeout);
            }
            return new LocalStandaloneCluster(dir, master, List.copyOf(ws), url);
        } catch (IOException | RuntimeException e) {
            started.forEach(Process::destroyForcibly);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot start a Spark standalone cluster in " + dir + ": "
                        + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    /** The master URL, {@code spark://127.0.0.1:PORT}. */
    public String masterUrl() {
        return url;
    }

    /** What a driver on this machine sets to reach the cluster over the loopback address only. */
    public Map<String, String> driverConf() {
        Map<String, String> conf = new TreeMap<>();
        conf.put("spark.driver.host", HOST);
        conf.put("spark.driver.bindAddress", HOST);
        return conf;
    }

    /** The Worker processes, in start order. */
    public List<Process> workers() {
        return workers;
    }

    /** The folder holding the logs and the Workers' work directories. */
    public Path directory() {
        return dir;
    }

    /**
     * Kills Worker {@code i} and the executors it launched with SIGKILL, as a machine lost mid-stage; returns the
     * process ids killed.
     */
    public List<Long> kill(int i) {
        Process worker = workers.get(i);
        List<ProcessHandle> victims = new ArrayList<>(worker.descendants().toList());
        victims.add(0, worker.toHandle());
        List<Long> pids = new ArrayList<>();
        for (ProcessHandle p : victims) {
            pids.add(p.pid());
            p.destroyForcibly();
        }
        return pids;
    }

    /** The Worker whose process tree holds process {@code pid} (an executor it launched), or -1. */
    public int workerOf(long pid) {
        for (int i = 0; i < workers.size(); i++) {
            Process w = workers.get(i);
            if (w.pid() == pid || w.descendants().anyMatch(d -> d.pid() == pid)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        for (Process w : workers) {
            w.descendants().forEach(ProcessHandle::destroyForcibly);
            w.destroyForcibly();
        }
        master.destroyForcibly();
        for (Process p : workers) {
            waitFor(p);
        }
        waitFor(master);
    }

    private static void waitFor(Process p) {
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code home}/jars: a link to every jar of this JVM's class path. */
    private static Path sparkHome(Path home) throws IOException {
        Path jars = home.resolve("jars");
        Files.createDirectories(jars);
        for (Path entry : ClassPath.entries()) {
            String name = entry.getFileName().toString();
            Path link = jars.resolve(name);
            if (name.endsWith(".jar") && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, entry);
            }
        }
        return home;
    }

    private static Process launch(Path log, Path home, String classPath, List<String> main) throws IOException {
        // INFO: the start-up lines awaited come at that level, whichever slf4j provider the class path picks
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp", classPath));
        command.addAll(main);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", HOST);
        return pb.start();
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }

    private static void awaitLine(Process p, Path log, String line, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("a Spark process exited with " + p.exitValue() + " before '" + line
                        + "'; its log: " + log + "\n" + tail(log));
            }
            if (contains(log, line)) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting Spark", e);
            }
        }
        throw new IllegalStateException("no '" + line + "' within " + timeout.toSeconds() + " s; log: " + log + "\n"
                + tail(log));
    }

    private static boolean contains(Path log, String line) {
        try {
            return Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(line);
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(Path log) {
        try {
            String all = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
