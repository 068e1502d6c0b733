package io.github.inceptioncam.inference;

import io.github.inceptioncam.cam.TileAssembly;
import io.github.inceptioncam.cam.TileGrid;
import java.util.ArrayList;
import java.util.List;

/**
 * Classifies an image window by window (a {@link TileGrid} over a {@link WindowSource}), in batches of
 * the session's size: each batch's windows are read, classified with their class maps, and added to a
 * {@link TileAssembly}, then dropped. Checks for cancellation between batches and reports progress.
 *
 * <p>The map blended for each window is the first class the class option resolves to in that window:
 * with {@code auto}, each window's own top-1 class; with a class index or label, that class everywhere.
 */
public final class TileClassifier {
	/** Progress and cancellation of a run. */
	public interface Progress {
		/** {@code done} of {@code total} windows are classified. */
		void windows(int done, int total);

		/** Checked between batches: true stops the run, keeping what was done. */
		boolean canceled();
	}

	private TileClassifier() {}

	public static TileResult run(CamSession session, WindowSource source, TileGrid grid, ClassifyOptions opts, Progress progress)
			throws InferenceException {
		if (grid.imageWidth() != source.width() || grid.imageHeight() != source.height()) {
			throw new IllegalArgumentException("the grid is for a " + grid.imageWidth() + "x" + grid.imageHeight() + " image, not "
				+ source.width() + "x" + source.height());
		}
		int n = grid.count(), batch = session.maxBatch();
		TileAssembly asm = null;
		String note = null, device = null;
		double pre = 0, infer = 0, cam = 0;
		boolean canceled = false;
		for (int from = 0; from < n; from += batch) {
			if (progress != null && progress.canceled()) {
				canceled = true;
				break;
			}
			int to = Math.min(n, from + batch);
			List<ImageInput> windows = new ArrayList<>(to - from);
			for (int i = from; i < to; i++) {
				int[] w = grid.window(i);
				windows.add(source.read(w[0], w[1], w[2], w[3]));
			}
			List<Classification> results = session.classify(windows, opts);
			for (int k = 0; k < results.size(); k++) {
				Classification c = results.get(k);
				if (asm == null) asm = new TileAssembly(grid, c.probabilities().length);
				asm.addProbabilities(from + k, c.probabilities());
				CamResult m = c.cam();
				if (m != null) asm.addMap(from + k, m.raw(), m.featureWidth(), m.featureHeight());
				else if (note == null) note = c.camError();
				device = c.device();
				pre += c.preprocessMs();
				infer += c.inferenceMs();
				cam += c.camMs();
			}
			if (progress != null) progress.windows(to, n);
		}
		if (asm == null) asm = new TileAssembly(grid, session.classes());
		if (asm.mappedWindows() > 0) note = null;
		double[] mean = asm.meanProbabilities();
		int[] ranking = CamSession.ranking(mean);
		List<Prediction> top = new ArrayList<>();
		io.github.inceptioncam.model.ModelMetadata meta = session.metadata();
		for (int r = 0; r < Math.min(opts.top(), ranking.length); r++) {
			int c = ranking[r];
			top.add(new Prediction(c, meta.label(c), mean[c], Double.NaN));
		}
		String camError = "tiles mode: the windows' maps are blended into the tile map";
		Classification summary = new Classification(source.name(), source.width(), source.height(), top, null, mean, List.of(), camError,
			device == null ? session.deviceName() : device, pre, infer, cam);
		return new TileResult(asm, summary, canceled, note);
	}
}
