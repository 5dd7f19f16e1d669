// Runs `spinel predict` through its command class (java -cp <spinel classpath> bench/zoo/PredictMain.java ARGS),
// so the benchmark does not depend on how the launcher registers sub-commands.
public class PredictMain {
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new spinel.cli.PredictCommand()).execute(args));
    }
}
