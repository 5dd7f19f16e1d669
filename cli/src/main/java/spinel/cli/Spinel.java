package spinel.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import spinel.graph.io.CacheRoot;

/**
 * The {@code spinel} command: a thin shell over the library's public API. Machine output is JSON
 * Lines on stdout; human messages go to stderr (see DESIGN.md, "Command-line contract").
 */
@Command(
        name = "spinel",
        mixinStandardHelpOptions = true,
        versionProvider = Spinel.Version.class,
        description = "Crystal-graph convolutional networks: crystal files to graphs, descriptors and predictions.",
        subcommands = {
            GraphCommand.class,
            SymmetryCommand.class,
            DescriptorsCommand.class,
            PredictCommand.class,
            TrainCommand.class,
            SearchCommand.class,
            EvalCommand.class,
            BenchCommand.class,
            ZooCommand.class,
            GenerateCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Spinel implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        djlCacheUnderSpinelRoot();
        System.exit(commandLine().execute(args));
    }

    /**
     * DJL's own files (the extracted native library) go under Spinel's cache root, {@code <root>/djl.ai},
     * unless {@code DJL_CACHE_DIR} says where (DJL reads the system property, then the variable).
     */
    static void djlCacheUnderSpinelRoot() {
        if (System.getProperty("DJL_CACHE_DIR") != null || System.getenv("DJL_CACHE_DIR") != null) return;
        System.setProperty(
                "DJL_CACHE_DIR", CacheRoot.directory().resolve("djl.ai").toString());
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Spinel());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("spinel: " + message(ex));
            if (System.getenv("SPINEL_DEBUG") != null) ex.printStackTrace(commandLine.getErr());
            return 2;
        });
        return cl;
    }

    /**
     * What a failed command prints: the exception's message, said in words where Java's is only a path
     * (a missing or unreadable file).
     */
    static String message(Throwable ex) {
        if (ex instanceof java.nio.file.NoSuchFileException e) return "no such file: " + e.getFile();
        if (ex instanceof java.nio.file.AccessDeniedException e) return "permission denied: " + e.getFile();
        if (ex instanceof java.nio.file.NotDirectoryException e) return "not a directory: " + e.getFile();
        return ex.getMessage() != null ? ex.getMessage() : ex.toString();
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Spinel.class.getPackage().getImplementationVersion();
            return new String[] {"spinel " + (v != null ? v : "(development build)")};
        }
    }
}
