package spinel.graph.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import spinel.graph.Element;
import spinel.graph.Site;
import spinel.graph.Structure;

/**
 * Writes a structure as a VASP 5 POSCAR: scale 1, the lattice rows (Å), species names and counts,
 * "Direct" fractional coordinates with 16 decimals (as pymatgen's {@code Poscar}), followed by the
 * species symbol of each atom. Sites keep their order: consecutive sites of one element form one
 * species group, so an unsorted structure gives repeated names ("Na Cl Na"), which VASP accepts.
 * POSCAR cannot hold partial occupancies or oxidation states: a disordered site is refused,
 * oxidation states are dropped.
 */
public final class PoscarWriter implements StructureWriter {

    @Override
    public String format(Structure s) {
        List<Element> groups = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (Site site : s.sites()) {
            if (!site.isOrdered()) {
                throw new IllegalArgumentException(
                        "POSCAR cannot hold the disordered site " + site + " of " + describe(s));
            }
            Element e = site.element();
            int last = groups.size() - 1;
            if (last >= 0 && groups.get(last) == e) {
                counts.set(last, counts.get(last) + 1);
            } else {
                groups.add(e);
                counts.add(1);
            }
        }
        StringBuilder sb = new StringBuilder(64 * (s.size() + 8));
        String comment = s.id() != null ? s.id() : s.composition().formula();
        // the comment is one line by definition
        sb.append(comment.replace('\n', ' ').replace('\r', ' ')).append('\n');
        sb.append("1.0\n");
        double[][] m = s.lattice().matrix();
        for (double[] row : m) {
            sb.append(String.format(Locale.ROOT, "%22.16f%22.16f%22.16f\n", row[0], row[1], row[2]));
        }
        for (Element e : groups) sb.append(' ').append(e.symbol());
        sb.append('\n');
        for (int c : counts) sb.append(' ').append(c);
        sb.append("\nDirect\n");
        for (Site site : s.sites()) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%20.16f%20.16f%20.16f %s\n",
                    site.frac(0),
                    site.frac(1),
                    site.frac(2),
                    site.element().symbol()));
        }
        return sb.toString();
    }

    private static String describe(Structure s) {
        return s.id() != null ? s.id() : s.composition().formula();
    }
}
