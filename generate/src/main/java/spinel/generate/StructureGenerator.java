package spinel.generate;

import java.util.List;
import spinel.graph.Composition;

/** A source of candidate crystal structures for a given cell content (the GAN, random search, ...). */
public interface StructureGenerator {

    /** A short name for reports and file names ("gan", "random"). */
    String name();

    /**
     * Proposes {@code n} structures with exactly the atoms of {@code cell} (whole counts), each
     * candidate's lattice and fractional coordinates. Candidates may be invalid; the search checks.
     */
    List<Proposal> propose(Composition cell, int n);
}
