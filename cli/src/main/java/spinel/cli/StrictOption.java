package spinel.cli;

import picocli.CommandLine.Option;

/** {@code --strict}, shared by the commands that read structures and report reader warnings. */
final class StrictOption {

    @Option(
            names = "--strict",
            description = "Refuse (ok:false) every structure the reader has warnings about (a composition that"
                    + " contradicts the file's formula, overlapping sites, ...) instead of reporting them in"
                    + " \"warnings\".")
    boolean strict;
}
