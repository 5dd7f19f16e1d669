package spinel.graph.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.CharConversionException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;

/**
 * Reads and writes structure files, choosing the format from the file name:
 * <ul>
 *   <li>{@code *.cif} — CIF;</li>
 *   <li>{@code POSCAR*}, {@code CONTCAR*}, {@code *.vasp}, {@code *.poscar} — VASP POSCAR;</li>
 *   <li>{@code *.xyz}, {@code *.extxyz} — extended XYZ;</li>
 *   <li>{@code *.json} — a pymatgen {@code Structure.as_dict()} (or a list of them), or a Matbench
 *       dataset ({@code index}/{@code columns}/{@code data}), told apart by content.</li>
 * </ul>
 * Any of these may be gzip'd with a further {@code .gz}. Names are matched case-insensitively.
 */
public final class Structures {

    private Structures() {}

    /** The file formats known by name. */
    public enum Format {
        CIF,
        POSCAR,
        EXTXYZ,
        PYMATGEN_JSON,
        MATBENCH
    }

    private static final String KNOWN = "expected a name ending in .cif, .vasp, .poscar, .xyz, .extxyz or .json "
            + "(optionally followed by .gz), or starting with POSCAR or CONTCAR";

    /** Every structure in {@code file}. */
    public static List<Structure> read(Path file) throws IOException, StructureFormatException {
        Format f = formatOf(file);
        StructureReader r = readerFor(f);
        if (f == Format.PYMATGEN_JSON || f == Format.MATBENCH || !isGzip(file)) return r.read(file);
        return r.parse(gunzip(file), file.toString());
    }

    /**
     * Every part of {@code file} that can be read, with its warnings, and a failure for each part
     * that cannot (a CIF gives one result per data block, so one bad block never hides the others).
     *
     * @throws IOException when the file cannot be read at all (a missing file is a
     *                     {@link java.nio.file.NoSuchFileException})
     */
    public static List<ReadResult> readEach(Path file) throws IOException {
        Format f;
        try {
            f = formatOf(file);
        } catch (StructureFormatException e) {
            return List.of(ReadResult.failed(null, e));
        }
        StructureReader r = readerFor(f);
        if (f == Format.PYMATGEN_JSON || f == Format.MATBENCH || !isGzip(file)) return r.readEach(file);
        try {
            return r.parseEach(gunzip(file), file.toString());
        } catch (StructureFormatException e) {
            return List.of(ReadResult.failed(null, e));
        }
    }

    /** The one structure in {@code file}; a file holding several is refused. */
    public static Structure readOne(Path file) throws IOException, StructureFormatException {
        List<Structure> all = read(file);
        if (all.size() != 1) {
            throw new StructureFormatException(file.toString(), 0, "expected one structure, found " + all.size());
        }
        return all.get(0);
    }

    /** Writes {@code structure} to {@code file} atomically, in the format its name asks for. */
    public static void write(Structure structure, Path file) throws IOException {
        Format f;
        try {
            f = formatByName(file);
        } catch (StructureFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (f == null) f = Format.PYMATGEN_JSON; // *.json
        StructureWriter w = writerFor(f);
        if (!isGzip(file)) {
            w.write(structure, file);
            return;
        }
        byte[] bytes = w.format(structure).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> {
            GZIPOutputStream gz = new GZIPOutputStream(out);
            gz.write(bytes);
            gz.finish();
        });
    }

    /** The format of {@code file}: by name, and for JSON by its first key. */
    public static Format formatOf(Path file) throws IOException, StructureFormatException {
        Format f = formatByName(file);
        return f != null ? f : jsonKind(file);
    }

    /**
     * The format of structure {@code text} told by its content, for text without a file name (standard
     * input, a column of a table): JSON (a pymatgen structure or a Matbench dataset) starts with a brace
     * or bracket, a CIF has a {@code data_} block, extended XYZ starts with its atom count, anything
     * else is read as a VASP POSCAR.
     */
    public static Format formatOfText(String text) {
        String t = text.stripLeading();
        if (t.startsWith("{") || t.startsWith("[")) {
            return t.contains("\"columns\"") && t.contains("\"data\"") ? Format.MATBENCH : Format.PYMATGEN_JSON;
        }
        for (String line : t.split("\\R", 200)) {
            if (line.strip().startsWith("data_")) return Format.CIF;
        }
        String first = t.lines().findFirst().orElse("").strip();
        if (first.matches("\\d+")) return Format.EXTXYZ;
        return Format.POSCAR;
    }

    /**
     * Every structure in {@code text}, its format told by {@link #formatOfText}; {@code sourceName}
     * names it in messages and ids.
     */
    public static List<Structure> parseText(String text, String sourceName) throws StructureFormatException {
        if (text.isBlank()) throw new StructureFormatException(sourceName, 0, "expected a structure, found nothing");
        return readerFor(formatOfText(text)).parse(text, sourceName);
    }

    /** A reader for {@code format}. */
    public static StructureReader readerFor(Format format) {
        return switch (format) {
            case CIF -> new CifReader();
            case POSCAR -> new PoscarReader();
            case EXTXYZ -> new ExtxyzReader();
            case PYMATGEN_JSON -> new PymatgenJson();
            case MATBENCH -> new MatbenchReader();
        };
    }

    /** A writer for {@code format}; Matbench datasets are not written. */
    public static StructureWriter writerFor(Format format) {
        return switch (format) {
            case CIF -> new CifWriter();
            case POSCAR -> new PoscarWriter();
            case EXTXYZ -> new ExtxyzWriter();
            case PYMATGEN_JSON -> new PymatgenJson();
            case MATBENCH -> throw new IllegalArgumentException(
                    "Matbench dataset files are not written by Spinel; write pymatgen JSON per structure");
        };
    }

    // null for JSON (decided by content)
    private static Format formatByName(Path file) throws StructureFormatException {
        Path fn = file.getFileName();
        String name = fn == null ? "" : fn.toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) name = name.substring(0, name.length() - 3);
        if (name.endsWith(".cif")) return Format.CIF;
        if (name.endsWith(".json")) return null;
        if (name.endsWith(".xyz") || name.endsWith(".extxyz")) return Format.EXTXYZ;
        if (name.endsWith(".vasp")
                || name.endsWith(".poscar")
                || name.startsWith("poscar")
                || name.startsWith("contcar")) return Format.POSCAR;
        throw new StructureFormatException(file.toString(), 0, "unknown structure file type: " + KNOWN);
    }

    private static boolean isGzip(Path file) {
        Path fn = file.getFileName();
        return fn != null && fn.toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    private static Format jsonKind(Path file) throws IOException, StructureFormatException {
        String src = file.toString();
        try (InputStream in = JsonSupport.open(file);
                JsonParser p = JsonSupport.FACTORY.createParser(in)) {
            JsonToken t = JsonSupport.next(p, src, "a JSON object or array");
            if (t == JsonToken.START_ARRAY) return Format.PYMATGEN_JSON;
            if (t != JsonToken.START_OBJECT)
                throw JsonSupport.fail(
                        p,
                        src,
                        "expected a pymatgen Structure dict or a Matbench dataset, found " + JsonSupport.describe(p));
            if (JsonSupport.next(p, src, "a key") == JsonToken.END_OBJECT)
                throw JsonSupport.fail(
                        p, src, "expected a pymatgen Structure dict or a Matbench dataset, found an empty object");
            String key = p.currentName();
            return key.equals("index") || key.equals("columns") || key.equals("data")
                    ? Format.MATBENCH
                    : Format.PYMATGEN_JSON;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StructureFormatException(
                    src,
                    e.getLocation() != null ? Math.max(0, e.getLocation().getLineNr()) : 0,
                    "invalid JSON: " + e.getOriginalMessage());
        } catch (EOFException | ZipException | CharConversionException e) {
            throw JsonSupport.badBytes(e, src);
        }
    }

    private static String gunzip(Path file) throws IOException, StructureFormatException {
        try (InputStream in = JsonSupport.open(file)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (EOFException | ZipException | CharConversionException e) {
            throw JsonSupport.badBytes(e, file.toString());
        }
    }
}
