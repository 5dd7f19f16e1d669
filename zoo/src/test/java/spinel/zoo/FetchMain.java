package spinel.zoo;

import java.nio.file.Path;

/** A separate process fetching one file into a cache (for the cross-process locking test). */
public final class FetchMain {
    public static void main(String[] a) throws Exception {
        ModelFile f = new ModelFile("weights.bin", a[1], null, Long.parseLong(a[3]), a[2], "npz");
        ModelCache cache = new ModelCache(new ZooSettings(Path.of(a[0]), false, null, false, 1 << 20));
        Path p = cache.fetch(f, Path.of(a[0]).resolve("models/test/model/1"), "test/model");
        System.out.println(p);
    }
}
