/**
 * CGCNN as DJL blocks (Xie &amp; Grossman, PRL 120, 145301 (2018)): {@link spinel.conv.GraphBatch}
 * collates {@code spinel.graph.CrystalGraph}s into tensors, {@link spinel.conv.CGConv} is the
 * reference convolution, {@link spinel.conv.Pooling} reduces atoms to crystals,
 * {@link spinel.conv.CrystalGraphConvNet} is the whole network with its {@link spinel.conv.Head}s,
 * and loads the reference's PyTorch state dicts by name ({@code spinel bench speed} measures its
 * throughput through the training loop of {@code spinel.train}).
 *
 * <p>Typical use:
 * <pre>{@code
 * try (NDManager manager = NDManager.newBaseManager()) {
 *     CrystalGraphConvNet net = CrystalGraphConvNet.builder().optNumConv(4).optHiddenLength(32).build();
 *     net.initializeParameters(manager);
 *     net.loadStateDict(stateDict);                       // PyTorch names: embedding.weight, convs.0.fc_full.weight, ...
 *     ParameterStore ps = new ParameterStore(manager, false);
 *     try (GraphBatch batch = GraphBatch.of(manager, graphs)) {
 *         float[] normalised = net.forward(ps, batch, false).head().toFloatArray();
 *         NDList embeddings = net.embed(ps, batch);       // atoms N×F, crystals C×F, hidden C×H
 *     }
 * }
 * }</pre>
 */
package spinel.conv;
