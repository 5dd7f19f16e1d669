package spinel.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import spinel.generate.CrystalGan;
import spinel.generate.GanConfig;
import spinel.generate.GanTraining;
import spinel.generate.PointClouds;
import spinel.generate.TrainingData;
import spinel.graph.Element;
import spinel.graph.io.AtomicFiles;

/**
 * {@code spinel generate train --data DIR... --out RUN}: trains the crystal GAN on CGCNN folders
 * (crystals with at most 20 atoms, deduplicated, 10 % of formulas and every Nb–O crystal held out),
 * resumable from {@code RUN/checkpoint.bin}; {@code RUN/generator.bin} is what {@code --gan} reads.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Train the crystal GAN (resumes from OUT/checkpoint.bin when present).")
public final class GenerateTrainCommand implements Callable<Integer> {

    @Option(
            names = "--data",
            required = true,
            paramLabel = "DIR",
            description = "CGCNN folder(s) of crystals (unpacked mp_36k, matbench_mp_gap); repeat")
    List<Path> data = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "run folder")
    Path out;

    @Option(names = "--epochs", defaultValue = "20", description = "passes over the training crystals")
    int epochs;

    @Option(names = "--minutes", defaultValue = "0", description = "stop (checkpointed) after this long; 0: no limit")
    double minutes;

    @Option(
            names = "--steps",
            defaultValue = "0",
            description = "stop (checkpointed) after this many generator steps in all; 0: no limit")
    long steps;

    @Option(names = "--test-percent", defaultValue = "10", description = "percent of formulas held out for testing")
    int testPercent;

    @Option(names = "--hold-out", defaultValue = "Nb,O", split = ",", description = "chemical system held out")
    List<String> holdOut;

    @Override
    public Integer call() throws Exception {
        GanConfig config = GanConfig.defaults();
        Path cache = out.resolve("clouds.bin");
        PointClouds clouds;
        if (java.nio.file.Files.isRegularFile(cache)) {
            clouds = PointClouds.load(cache);
            System.err.printf("%d training crystals from %s%n", clouds.size(), cache);
        } else {
            clouds = prepare(config);
            clouds.save(cache);
        }
        try (CrystalGan gan = new CrystalGan(config)) {
            GanTraining t = new GanTraining();
            if (minutes > 0) t.optMaxSeconds(minutes * 60);
            if (steps > 0) t.optMaxSteps(steps);
            t.fit(gan, clouds, epochs, out);
        }
        System.err.println("generator: " + out.resolve("generator.bin"));
        return 0;
    }

    /** Reads, deduplicates and splits the crystals; writes the split; encodes the training ones. */
    private PointClouds prepare(GanConfig config) throws java.io.IOException {
        List<TrainingData.Entry> all = TrainingData.deduplicate(TrainingData.load(data, config.maxSites(), System.err));
        Set<Element> system = new java.util.HashSet<>();
        for (String s : holdOut) system.add(Element.of(s.strip()));
        TrainingData.Split split = TrainingData.split(all, testPercent, system);
        System.err.printf(
                "%d unique crystals: %d training, %d test (other formulas), %d held out (%s)%n",
                all.size(),
                split.train().size(),
                split.test().size(),
                split.heldOutSystem().size(),
                system);
        Map<String, Object> splitFile = new LinkedHashMap<>();
        splitFile.put("test", split.test().stream().map(TrainingData.Entry::id).toList());
        splitFile.put(
                "held_out_system",
                split.heldOutSystem().stream().map(TrainingData.Entry::id).toList());
        splitFile.put("train_count", split.train().size());
        AtomicFiles.writeString(
                out.resolve("split.json"),
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(splitFile));
        AtomicFiles.writeString(
                out.resolve("train_ids.txt"),
                String.join(
                                "\n",
                                split.train().stream()
                                        .map(TrainingData.Entry::id)
                                        .toList()) + "\n");
        return PointClouds.of(TrainingData.structures(split.train()), config.maxSites());
    }
}
