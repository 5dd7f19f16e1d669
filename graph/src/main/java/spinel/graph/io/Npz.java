package spinel.graph.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads NumPy arrays: single {@code .npy} files and {@code .npz} archives (a zip of {@code .npy}
 * members, stored or deflated, as written by {@code numpy.savez} and {@code numpy.savez_compressed}).
 *
 * <p>Supported element types (NumPy {@code descr}): little-endian {@code <f4}, {@code <f8},
 * {@code <i1}/{@code |i1}, {@code |u1}, {@code <i2}, {@code <i4}, {@code <i8}, {@code |b1} (bool) and
 * {@code <U<n>} (fixed-width UTF-32 strings), C order only. The format is NumPy's NEP 1
 * ("A simple file format for NumPy arrays"), versions 1.0, 2.0 and 3.0. Anything else (big-endian,
 * Fortran order, object arrays) is rejected with an exception naming the file and the member.
 *
 * <p>The whole archive is read into memory when opened; members are kept in archive order. Immutable.
 */
public final class Npz {

    private final Path file;
    private final Map<String, NpyArray> arrays;

    private Npz(Path file, Map<String, NpyArray> arrays) {
        this.file = file;
        this.arrays = Collections.unmodifiableMap(arrays);
    }

    /** Reads every member of an {@code .npz} archive. Member names lose their {@code .npy} suffix. */
    public static Npz read(Path npz) throws IOException {
        if (npz.getFileSystem() != java.nio.file.FileSystems.getDefault()) return readStream(npz);
        Map<String, NpyArray> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (e.isDirectory()) continue;
                String name = e.getName();
                String key = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(key, parse(in.readAllBytes(), npz + "!" + name));
                }
            }
        } catch (java.util.zip.ZipException ze) {
            throw new IOException(npz + ": not a valid .npz (zip) archive: " + ze.getMessage(), ze);
        }
        return new Npz(npz, out);
    }

    /** Reads an archive that is not a plain file (one inside a jar): entry by entry from a stream. */
    private static Npz readStream(Path npz) throws IOException {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(Files.newInputStream(npz))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.isDirectory()) continue;
                String name = e.getName();
                String key = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
                out.put(key, parse(zip.readAllBytes(), npz + "!" + name));
            }
        } catch (java.util.zip.ZipException ze) {
            throw new IOException(npz + ": not a valid .npz (zip) archive: " + ze.getMessage(), ze);
        }
        return new Npz(npz, out);
    }

    /** Reads one {@code .npy} file. */
    public static NpyArray readNpy(Path npy) throws IOException {
        return parse(Files.readAllBytes(npy), npy.toString());
    }

    /** Parses the bytes of one {@code .npy} file; {@code source} names it in error messages. */
    public static NpyArray parse(byte[] bytes, String source) throws IOException {
        if (bytes.length < 10
                || (bytes[0] & 0xff) != 0x93
                || bytes[1] != 'N'
                || bytes[2] != 'U'
                || bytes[3] != 'M'
                || bytes[4] != 'P'
                || bytes[5] != 'Y') {
            throw new IOException(source + ": not a .npy array (missing the \\x93NUMPY magic string)");
        }
        int major = bytes[6] & 0xff;
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = bb.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            headerLen = bb.getInt(8);
            headerStart = 12;
        } else {
            throw new IOException(source + ": unsupported .npy format version " + major + "." + (bytes[7] & 0xff));
        }
        if (headerLen < 0 || headerStart + headerLen > bytes.length) {
            throw new IOException(source + ": truncated .npy header");
        }
        String header = new String(
                bytes, headerStart, headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = field(header, "descr", "'([^']*)'", source);
        String fortran = field(header, "fortran_order", "(True|False)", source);
        String shapeText = field(header, "shape", "\\(([^)]*)\\)", source);
        if (fortran.equals("True")) {
            throw new IOException(source + ": Fortran-order arrays are not supported (expected fortran_order False)");
        }
        List<Integer> dims = new ArrayList<>();
        for (String part : shapeText.split(",")) {
            String t = part.trim();
            if (!t.isEmpty()) dims.add(Integer.parseInt(t));
        }
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        long count = 1;
        for (int d : shape) count *= d;
        NpyArray.DType type = NpyArray.DType.parse(descr, source);
        int itemSize = type == NpyArray.DType.STRING ? 4 * Integer.parseInt(descr.substring(2)) : type.size;
        int dataStart = headerStart + headerLen;
        long need = count * itemSize;
        if (dataStart + need > bytes.length) {
            throw new IOException(source + ": data truncated: shape " + shapeText.trim() + " of " + descr + " needs "
                    + need + " bytes, file has " + (bytes.length - dataStart));
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) need).slice().order(ByteOrder.LITTLE_ENDIAN);
        return new NpyArray(source, type, itemSize, shape, data);
    }

    private static String field(String header, String key, String valueRegex, String source) throws IOException {
        Matcher m = Pattern.compile("'" + key + "'\\s*:\\s*" + valueRegex).matcher(header);
        if (!m.find()) {
            throw new IOException(source + ": .npy header has no '" + key + "' entry: " + header.trim());
        }
        return m.group(1);
    }

    /** The archive read. */
    public Path file() {
        return file;
    }

    /** Member names (without {@code .npy}), in archive order. */
    public Set<String> names() {
        return arrays.keySet();
    }

    /** Whether the archive holds member {@code name}. */
    public boolean contains(String name) {
        return arrays.containsKey(name);
    }

    /** Member {@code name}; a missing member is an {@link IllegalArgumentException} naming the file. */
    public NpyArray get(String name) {
        NpyArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException(file + " has no array '" + name + "'");
        }
        return a;
    }

    /** Shorthand for {@code get(name).asDoubles()}. */
    public double[] doubles(String name) {
        return get(name).asDoubles();
    }

    /** Shorthand for {@code get(name).asFloats()}. */
    public float[] floats(String name) {
        return get(name).asFloats();
    }

    /** Shorthand for {@code get(name).asInts()}. */
    public int[] ints(String name) {
        return get(name).asInts();
    }

    /** Shorthand for {@code get(name).asLongs()}. */
    public long[] longs(String name) {
        return get(name).asLongs();
    }
}
