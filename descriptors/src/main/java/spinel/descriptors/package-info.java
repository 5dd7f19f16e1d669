/**
 * Hand-made descriptors of crystal structures and local atomic environments.
 *
 * <ul>
 * <li>{@link spinel.descriptors.Neighborhoods} — each atom's neighbour vectors (Å), from
 *     {@code spinel.graph.NeighborList} by cutoff, N nearest, SANN or Voronoi (with facet solid
 *     angles), or built by hand; every local descriptor is written against it.</li>
 * <li>{@link spinel.descriptors.Steinhardt} → {@link spinel.descriptors.BondOrder} — q_l, w_l, ŵ_l
 *     and the Lechner–Dellago averages, built on {@link spinel.descriptors.SphericalHarmonics}
 *     (stable recurrences) and {@link spinel.descriptors.Wigner3j} (exact, cached).</li>
 * <li>{@link spinel.descriptors.SymmetryFunctions} — Behler–Parrinello G1–G5.</li>
 * <li>{@link spinel.descriptors.LatticeFeatures}, {@link spinel.descriptors.CompositionFeatures} —
 *     the tabular baselines' inputs, as named {@link spinel.descriptors.Features}.</li>
 * <li>{@link spinel.descriptors.SyntheticStructures} — perturbed crystals and liquids for tests and
 *     demonstrations (the unsupervised local-structure classifier of Boattini et al. 2019, which trains
 *     an autoencoder, lives in {@code spinel.train.LocalStructureClassifier}, next to the one training
 *     loop).</li>
 * </ul>
 * Per-atom results come as a {@link spinel.descriptors.FeatureTable} (named columns, one row per
 * atom) whose {@link spinel.descriptors.FeatureTable#summary()} gives the per-structure mean, standard
 * deviation, minimum and maximum.
 */
package spinel.descriptors;
