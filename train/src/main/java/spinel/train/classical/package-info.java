/**
 * Classical baselines on descriptor tables (lattice, composition, Steinhardt, symmetry functions): decision
 * tree, random forest, k-nearest neighbours and linear models from Tribuo, gradient-boosted trees from
 * XGBoost4J, with k-fold cross-validation and permutation feature importances (Breiman 2001).
 */
package spinel.train.classical;
