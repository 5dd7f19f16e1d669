package spinel.generate;

import spinel.graph.Structure;

/**
 * A structure proposed by a generator.
 *
 * @param structure  the candidate (P1 cell)
 * @param source     the generator's name
 * @param spaceGroup the space group the generator imposed (random search with symmetry), 0 when none
 */
public record Proposal(Structure structure, String source, int spaceGroup) {}
