package spinel.graph.io;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import spinel.graph.StructureFormatException;

/**
 * Feeds truncated, mutated and random bytes of real CIFs to the reader: every input must give
 * structures or a {@link StructureFormatException}; nothing else (no NullPointerException, no
 * index error, no endless loop). Seeded, so a failure is reproducible.
 */
class CifFuzzTest {

    private static final String[] INSERTS = {
        ";",
        "\n;",
        "'",
        "\"",
        "_",
        "loop_\n",
        "data_",
        "#",
        "\n",
        "?",
        ".",
        "(",
        ")",
        "save_x",
        "save_",
        "global_",
        "_atom_site_fract_x",
        "_cell_length_a",
        "_symmetry_equiv_pos_as_xyz",
        "-x+1/2",
        "1e999",
        "-0",
        "0.3333",
        " ",
        "\r",
        "\u0000",
        "\u00e9",
        "stop_",
        "x,y,z",
        "1/0",
        "99999999999999999999",
    };

    private static List<String> corpus() throws Exception {
        List<String> texts = new ArrayList<>();
        Path examples = ExamplesTest.EXAMPLES;
        if (Files.isDirectory(examples)) {
            try (Stream<Path> s = Files.list(examples)) {
                for (Path p :
                        s.filter(p -> p.toString().endsWith(".cif")).sorted().toList()) texts.add(Files.readString(p));
            }
        }
        Path sample = ExamplesTest.EXAMPLES.resolve("../../shared/anchors/cgcnn/sample");
        Path shared = Path.of(System.getProperty("spinel.shared", "../shared")).resolve("anchors/cgcnn/sample");
        for (Path dir : new Path[] {shared, sample}) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    for (Path p : s.filter(p -> p.toString().endsWith(".cif"))
                            .sorted()
                            .limit(4)
                            .toList()) texts.add(Files.readString(p));
                }
                break;
            }
        }
        for (String f : new String[] {
            "oxides/ZnO-Zincite.cif", "zeolites/DOH.cif", "clays/Al2Si2O9H4-Kaolinite.cif", "elements/Er-Erbium.cif"
        }) {
            Path p = AvogadroParityTest.CRYSTALS.resolve(f);
            if (Files.isRegularFile(p)) texts.add(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
        }
        texts.add(
                "data_x\n_cell_length_a 4\n_cell_length_b 4\n_cell_length_c 4\n_cell_angle_alpha 90\n_cell_angle_beta 90\n"
                        + "_cell_angle_gamma 90\n_symmetry_space_group_name_H-M 'F d -3 m'\nloop_\n_atom_site_label\n_atom_site_type_symbol\n"
                        + "_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n_atom_site_occupancy\nSi1 Si4+ 0 0 0 0.5(1)\nGe1 Ge 0 0 0 .5\n");
        return texts;
    }

    @Test
    void onlyStructuresOrFormatErrors() throws Exception {
        List<String> corpus = corpus();
        Random rnd = new Random(20261121);
        CifReader reader = new CifReader();
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            int cases = 0;
            for (String base : corpus) {
                for (int k = 0; k < 300; k++) {
                    String mutated = mutate(base, rnd);
                    cases++;
                    try {
                        reader.parse(mutated, "fuzz.cif");
                    } catch (StructureFormatException expected) {
                        if (expected.getMessage() == null
                                || expected.getMessage().isEmpty()) fail("empty message");
                    } catch (RuntimeException | StackOverflowError e) {
                        fail(
                                "input " + cases + " threw " + e + "\n---\n"
                                        + (mutated.length() > 4000 ? mutated.substring(0, 4000) : mutated),
                                e);
                    }
                }
            }
            for (int k = 0; k < 300; k++) { // random bytes
                byte[] b = new byte[rnd.nextInt(400)];
                rnd.nextBytes(b);
                String text = (rnd.nextBoolean() ? "data_r\n" : "") + new String(b, StandardCharsets.ISO_8859_1);
                try {
                    reader.parse(text, "random.cif");
                } catch (StructureFormatException expected) {
                    // fine
                } catch (RuntimeException e) {
                    fail("random input threw " + e, e);
                }
            }
        });
    }

    private static String mutate(String s, Random rnd) {
        StringBuilder sb = new StringBuilder(s);
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = rnd.nextInt(sb.length());
            switch (rnd.nextInt(6)) {
                case 0 -> sb.setLength(at); // truncate
                case 1 -> sb.setCharAt(at, (char) (rnd.nextInt(96) + 32)); // replace a character
                case 2 -> sb.insert(at, INSERTS[rnd.nextInt(INSERTS.length)]);
                case 3 -> sb.delete(at, Math.min(sb.length(), at + 1 + rnd.nextInt(40))); // delete a run
                case 4 -> { // duplicate a line
                    int ls = at == 0 ? 0 : sb.lastIndexOf("\n", at - 1) + 1, le = sb.indexOf("\n", at);
                    if (le < 0) le = sb.length();
                    sb.insert(ls, sb.substring(ls, le) + "\n");
                }
                default -> { // swap a number for something else
                    int d = at;
                    while (d < sb.length() && !Character.isDigit(sb.charAt(d))) d++;
                    if (d < sb.length()) sb.replace(d, d + 1, INSERTS[rnd.nextInt(INSERTS.length)]);
                }
            }
        }
        return sb.toString();
    }
}
