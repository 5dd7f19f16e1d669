/**
 * Training and evaluating models on crystal datasets: what {@code spinel train}, {@code spinel eval}
 * and {@code spinel bench} do, as library code.
 *
 * <p>A run goes through stages, one file each, in this order:
 * <ol>
 * <li>{@link spinel.train.RunData} — data and labels: the {@link spinel.train.CrystalDataset}, the
 *     task's labels, per-structure columns, the {@link spinel.train.Split}; refuses missing targets
 *     and splits too small to train on;</li>
 * <li>{@link spinel.train.RunFeatures} — features: the target {@link spinel.train.Normalizer}s,
 *     descriptor blocks with their fitted {@link spinel.train.FeatureScaler}, the on-disk
 *     {@link spinel.train.GraphCache}, the train/validation/test {@link spinel.train.BatchSource}s;</li>
 * <li>{@link spinel.train.ModelFactory} — the network of each model kind (CGCNN, fusion, the
 *     {@link spinel.train.TabularMlp}s), for training and for reloading;</li>
 * <li>{@link spinel.train.RunFolder} — the run folder: refuses to overwrite a started run, describes
 *     the run as its {@link spinel.train.RunConfig}, checks a {@code --resume}
 *     ({@link spinel.train.ResumeCheck}), writes {@code config.json} and {@code split.csv};</li>
 * <li>{@link spinel.train.RunTraining} — each ensemble member through the one training loop,
 *     {@link spinel.train.TrainingLoop} with {@link spinel.train.ParameterOptimizer} (checkpoints in a
 *     checksummed {@link spinel.train.Checkpoint} envelope, bit-identical resume);</li>
 * <li>{@link spinel.train.RunEvaluation} — ensemble means and spread, {@link spinel.train.Metrics};</li>
 * <li>{@link spinel.train.RunReport} — metrics.json, history.csv, predictions.csv,
 *     {@link spinel.train.Plots}.</li>
 * </ol>
 * {@link spinel.train.Experiment} runs them, from an {@link spinel.train.ExperimentSpec} (which holds the
 * training loop's own {@link spinel.train.TrainConfig}). The run folder is described by one typed record,
 * {@link spinel.train.RunConfig} ({@code config.json}, snake_case keys), the only reader and writer of
 * that file; files are written atomically by {@link spinel.train.RunFiles}; {@link spinel.train.TrainedRun}
 * reopens any finished run to predict from structures ({@link spinel.train.RunPrediction}).
 *
 * <p>Hyperparameter search is cross-validation inside the training rows: a spec with {@link
 * spinel.train.ExperimentSpec.SearchFold} trains on fold J of K of its split's training rows and tests on
 * the rest of them, never on the split's test rows ({@link spinel.train.Split#inner}); {@code spinel
 * search} runs one such spec per candidate and fold. {@link spinel.train.BlendRun} averages a network with
 * a classical model ({@code --blend}).
 *
 * <p>Also here: {@link spinel.train.ScratchMlp} (a from-scratch MLP with a gradient check, for
 * teaching), {@link spinel.train.Benchmarks}.
 *
 * <p>Conventions: human progress goes to a {@link java.io.PrintStream} sink passed in by the caller
 * ({@code System.err} from the command line), formatted with {@link java.util.Locale#ROOT}; every
 * seeded shuffle is {@link spinel.train.Split#shuffle}; every file is written atomically through
 * {@link spinel.train.RunFiles}.
 */
package spinel.train;
