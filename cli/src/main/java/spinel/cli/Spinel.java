package spinel.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

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
            DescriptorsCommand.class,
            PredictCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            BenchCommand.class,
            ZooCommand.class,
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
        ReadOnlyHome.redirectEngineCache();
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Spinel());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("spinel: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            if (System.getenv("SPINEL_DEBUG") != null) ex.printStackTrace(commandLine.getErr());
            return 2;
        });
        return cl;
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
