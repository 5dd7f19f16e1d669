/**
 * Runnable examples of what researchers do with Spinel from Java: read a structure and its symmetry,
 * compute descriptors, train a model, predict with a bundled one, generate candidate structures for a
 * formula. The tests run each of them.
 */
package spinel.examples;
