package spinel.graph.symmetry;

/**
 * The standard setting found for a primitive cell: the Hall number, the change of basis P (columns:
 * conventional axes in primitive coordinates) and the origin of the setting (primitive fractional
 * coordinates), so that x_conv = P⁻¹(x_prim − origin). Package-private.
 */
record StandardSetting(int hallNumber, int[][] p, double[] origin) {}
