/**
 * TabNet (Arik &amp; Pfister, AAAI 2021) in DJL: the network ({@link spinel.train.tabnet.TabNet}), its
 * sparsemax attention ({@link spinel.train.tabnet.Sparsemax}) and ghost batch normalisation
 * ({@link spinel.train.tabnet.GhostBatchNorm}). Trained through {@code spinel train --model tabnet}
 * like the tabular MLPs.
 */
package spinel.train.tabnet;
