package spinel.graph.io;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import spinel.graph.Site;
import spinel.graph.Structure;

class ScratchTest {
    @Test
    void dump() throws Exception {
        String f = System.getProperty("scratch.file");
        if (f == null) return;
        Structure s = new CifReader().read(Path.of(f)).get(0);
        Map<String, Integer> c = new TreeMap<>();
        for (Site site : s.sites()) c.merge(site.label() + " " + site.species(), 1, Integer::sum);
        System.out.println(s + " " + c);
        if (System.getProperty("scratch.all") != null) for (Site site : s.sites()) System.out.println(site);
    }
}
