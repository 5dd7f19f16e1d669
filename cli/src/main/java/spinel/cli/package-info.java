/**
 * The {@code spinel} command (picocli): one class per sub-command, each a thin shell over the
 * library's public API — {@code graph} and {@code descriptors} over {@code spinel.graph} and
 * {@code spinel.descriptors}, {@code train}/{@code eval}/{@code bench} over {@code spinel.train},
 * {@code predict} over {@link spinel.zoo.PredictionPipeline}, {@code zoo} over
 * {@link spinel.zoo.ModelRegistry}. Nothing else lives here.
 *
 * <p>The output contract (DESIGN.md): machine output is one JSON object per line on stdout
 * ({@link spinel.cli.JsonLines}; numbers without rounding noise, units named in a {@code "units"}
 * field), human messages and progress bars go to stderr (bars only when stderr is a terminal).
 * A bad input gives an {@code "ok": false} line and never stops the others; the exit status is 1
 * when an input failed, 2 for a usage or set-up error.
 */
package spinel.cli;
