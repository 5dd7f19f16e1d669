/**
 * Generative structure search: a composition-conditioned GAN on the point-cloud representation of Kim et
 * al. (ACS Cent. Sci. 2020), stabilised by spectral normalisation and a hinge loss ({@link
 * spinel.generate.CrystalGan}, {@link spinel.generate.GanTraining}); the random-search baseline ({@link
 * spinel.generate.RandomSearch}); and the search loop ({@link spinel.generate.StructureSearch}): validity
 * (no two atoms closer than 0.5 Å, 4–80 Å³ per atom), symmetry, deduplication with the structure matcher,
 * ranking by predicted formation energy (eV/atom).
 */
package spinel.generate;
