package spinel.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import spinel.zoo.ModelCard;
import spinel.zoo.ModelFile;
import spinel.zoo.ModelRegistry;
import spinel.zoo.ZooSettings;

/**
 * {@code spinel zoo list | info ID | get ID...}: the pretrained-model registry from the command line.
 * One JSON object per line on stdout; messages on stderr.
 */
@Command(
        name = "zoo",
        mixinStandardHelpOptions = true,
        description = {
            "Pretrained models: list them, show a model card, download and verify their files.",
            "Cache: $SPINEL_CACHE_DIR or -Dspinel.cache.dir (default ~/.spinel/cache); offline: SPINEL_OFFLINE=1;"
                    + " mirror: SPINEL_MODEL_MIRROR=<base URL>."
        },
        subcommands = {
            ZooCommand.ListCommand.class,
            ZooCommand.InfoCommand.class,
            ZooCommand.GetCommand.class,
            ZooCommand.PackageCommand.class
        })
public final class ZooCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** The {@code --cache-dir}/{@code --offline} options shared by the sub-commands (a picocli mixin). */
    static class CacheOptions {
        @Option(
                names = "--cache-dir",
                description = "cache root (default: $SPINEL_CACHE_DIR, -Dspinel.cache.dir, ~/.spinel/cache)")
        Path cacheDir;

        @Option(names = "--offline", description = "never use the network")
        boolean offline;

        ModelRegistry zoo() {
            ZooSettings s = ZooSettings.fromEnvironment();
            if (cacheDir != null) s = s.withCacheDir(cacheDir.toAbsolutePath());
            if (offline) s = s.withOffline(true);
            return ModelRegistry.create(s);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per registered model.")
    static final class ListCommand implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        CacheOptions opts;

        @Override
        public Integer call() {
            ModelRegistry zoo = opts.zoo();
            JsonLines out = new JsonLines(System.out);
            for (ModelCard c : zoo.list()) out.write(summary(zoo, c));
            return 0;
        }
    }

    /** The frame of the sub-commands that take model IDs: the cache options, the IDs, one line per ID. */
    abstract static class PerModel implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        CacheOptions opts;

        @Parameters(arity = "1..*", paramLabel = "ID")
        List<String> ids;

        /** The line of {@code id}; one with {@code "ok": false} makes the exit status 1. */
        abstract Object line(ModelRegistry zoo, String id);

        @Override
        public Integer call() {
            ModelRegistry zoo = opts.zoo();
            JsonLines out = new JsonLines(System.out);
            int status = 0;
            for (String id : ids) {
                Object line = line(zoo, id);
                if (line instanceof Map<?, ?> m && Boolean.FALSE.equals(m.get("ok"))) status = 1;
                out.write(line);
            }
            return status;
        }
    }

    @Command(
            name = "info",
            mixinStandardHelpOptions = true,
            description = "The full model card of each ID, one per line.")
    static final class InfoCommand extends PerModel {
        @Override
        Object line(ModelRegistry zoo, String id) {
            return zoo.card(id);
        }
    }

    @Command(
            name = "get",
            mixinStandardHelpOptions = true,
            description =
                    "Download (or find in the cache or the jar) and verify every file of each ID; prints where they are.")
    static final class GetCommand extends PerModel {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        Object line(ModelRegistry zoo, String id) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", id);
            try {
                Map<String, String> files = new LinkedHashMap<>();
                zoo.fetchAll(id).forEach((role, p) -> files.put(role, p.toString()));
                r.put("ok", true);
                r.put("files", files);
            } catch (Exception e) {
                r.put("ok", false);
                r.put("error", e.getMessage());
                spec.commandLine().getErr().println("spinel zoo get: " + e.getMessage());
            }
            return r;
        }
    }

    @Command(
            name = "package",
            mixinStandardHelpOptions = true,
            description = {
                "Turn a finished `spinel train` run folder of any kind into a bundled model:",
                "writes <out>/<name>.zip (the run's config and weights)",
                "and adds the model card to the registry file (and its index.json)."
            })
    static final class PackageCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RUN_DIR")
        Path run;

        @Option(names = "--id", required = true, description = "model id, e.g. spinel/formation-energy-per-atom")
        String id;

        @Option(
                names = "--model-version",
                defaultValue = "1",
                description = "version of the weights (default: ${DEFAULT-VALUE})")
        String version;

        @Option(names = "--title", required = true)
        String title;

        @Option(names = "--description", defaultValue = "")
        String description;

        @Option(names = "--units", description = "units of a regression target")
        String units;

        @Option(names = "--data", required = true, description = "what it was trained on")
        String data;

        @Option(names = "--data-licence", defaultValue = "CC BY 4.0 (Materials Project)")
        String dataLicence;

        @Option(names = "--command", required = true, description = "the exact command that trained it")
        String command;

        @Option(names = "--licence", defaultValue = "same as Spinel")
        String licence;

        @Option(
                names = "--out",
                defaultValue = "zoo/src/main/resources/spinel/zoo/models",
                description = "weights folder (default: ${DEFAULT-VALUE})")
        Path out;

        @Option(
                names = "--registry",
                defaultValue = "zoo/src/main/resources/spinel/zoo/registry/spinel.json",
                description = "card file (default: ${DEFAULT-VALUE})")
        Path registry;

        @Override
        public Integer call() throws Exception {
            java.nio.file.Files.createDirectories(out);
            ModelCard card = spinel.zoo.ModelPackager.packageRun(
                    run,
                    new spinel.zoo.ModelPackager.Description(
                            id, version, title, description, units, data, dataLicence, command, licence),
                    out);
            spinel.zoo.ModelPackager.register(card, registry);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", id);
            r.put("ok", true);
            r.put("weights", out.resolve(card.file(ModelCard.WEIGHTS).name()).toString());
            r.put("registry", registry.toString());
            r.put("metrics", card.metrics());
            new JsonLines(System.out).write(r);
            return 0;
        }
    }

    static Map<String, Object> summary(ModelRegistry zoo, ModelCard c) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", c.id());
        r.put("version", c.version());
        r.put("title", c.title());
        r.put("task", c.task());
        if (c.target() != null) {
            r.put("target", c.target().name());
            r.put("units", c.target().units());
        }
        r.put("metrics", c.metrics());
        boolean cached = true;
        long size = 0;
        for (ModelFile f : c.files().values()) {
            size += f.size();
            cached &= Files.isRegularFile(zoo.cache().directory(c).resolve(f.name()));
        }
        r.put("size_bytes", size);
        r.put("cached", cached);
        return r;
    }
}
