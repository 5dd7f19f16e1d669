package spinel.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import spinel.graph.io.Terminal;

/** Progress bars of the commands: drawn on stderr whenever stderr is a terminal ({@link Terminal}). */
final class Progress {

    private Progress() {}

    /** A bar over {@code max} steps, or null when none should be drawn ({@code wanted} false, or no terminal). */
    static ProgressBar bar(String task, long max, boolean wanted) {
        if (!wanted || !Terminal.progressOnStderr()) return null;
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(500)
                .showSpeed()
                .build();
    }
}
