package spinel.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import spinel.graph.io.CgcnnFolderReader;
import spinel.zoo.StructureInput;

/**
 * The inputs of {@code spinel predict} from its arguments: structure files; folders of them; CGCNN
 * dataset folders (an {@code id_prop.csv} beside the CIFs: its rows, with their targets, in file
 * order; {@code atom_init.json} is not a structure); and {@code -} for one structure file on stdin.
 */
final class PredictInputs {

    private PredictInputs() {}

    /** Whether {@code dir} is a CGCNN dataset folder. */
    static boolean isCgcnnFolder(Path dir) {
        return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve(CgcnnFolderReader.ID_PROP));
    }

    /** The inputs named by {@code args}, in order. */
    static List<StructureInput> of(List<String> args, InputStream stdin) throws Exception {
        List<StructureInput> out = new ArrayList<>();
        for (String a : args) {
            if (a.equals("-")) {
                out.add(stdin(stdin));
                continue;
            }
            Path p = Path.of(a);
            if (isCgcnnFolder(p)) {
                StructureInput.rows(new CgcnnFolderReader(p)).forEachRemaining(out::add);
            } else {
                for (Path f : InputFiles.expand(List.of(p))) out.add(StructureInput.of(f));
            }
        }
        return out;
    }

    /** The structure file piped on stdin (format told by its content, see {@link StdinStructures}). */
    private static StructureInput stdin(InputStream in) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new StructureInput("-", null, () -> StdinStructures.parse(text));
    }
}
