package io.github.inceptioncam.inference;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import io.github.inceptioncam.cam.FeatureMap;
import io.github.inceptioncam.model.CamHead;
import io.github.inceptioncam.model.HeadSearchResult;
import io.github.inceptioncam.model.InceptionModel;
import io.github.inceptioncam.model.ModelMetadata;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One thread's handle on a {@link CamEngine}: a DJL predictor and a reusable direct input buffer.
 * Not thread-safe; open one per thread.
 */
public final class CamSession implements AutoCloseable {
	private final CamEngine engine;
	private final Predictor<InputBatch, RawOutputs> predictor;
	private final int maxBatch;
	private final boolean padBatch;
	private final Preprocessor pre;
	private final FloatBuffer buffer;
	private boolean closed;

	CamSession(CamEngine engine, Predictor<InputBatch, RawOutputs> predictor, int maxBatch, boolean padBatch) {
		this.engine = engine;
		this.predictor = predictor;
		this.maxBatch = maxBatch;
		this.padBatch = padBatch;
		this.pre = new Preprocessor(engine.model().metadata());
		this.buffer = ByteBuffer.allocateDirect(maxBatch * pre.imageSize() * Float.BYTES)
			.order(ByteOrder.nativeOrder()).asFloatBuffer();
	}

	/** The engine this session runs on (its model and device). */
	public CamEngine engine() {
		return engine;
	}

	public int maxBatch() {
		return maxBatch;
	}

	/** Number of classes the model scores. */
	int classes() {
		return Math.max(1, engine.model().metadata().labels().size());
	}

	ModelMetadata metadata() {
		return engine.model().metadata();
	}

	String deviceName() {
		return engine.device().name();
	}

	public Classification classify(ImageInput image, ClassifyOptions opts) throws InferenceException {
		return classify(List.of(image), opts).get(0);
	}

	/** Classifies the images in batches of at most {@link #maxBatch()}; results in input order. */
	public List<Classification> classify(List<ImageInput> images, ClassifyOptions opts) throws InferenceException {
		List<Classification> out = new ArrayList<>(images.size());
		for (int from = 0; from < images.size(); from += maxBatch) {
			out.addAll(runBatch(images.subList(from, Math.min(images.size(), from + maxBatch)), opts));
		}
		return out;
	}

	private List<Classification> runBatch(List<ImageInput> images, ClassifyOptions opts) throws InferenceException {
		int n = images.size();
		int run = padBatch ? maxBatch : n;
		double[] preMs = new double[n];
		for (int i = 0; i < n; i++) {
			long t0 = System.nanoTime();
			pre.write(images.get(i), buffer, i);
			preMs[i] = (System.nanoTime() - t0) / 1e6;
		}
		for (int i = n * pre.imageSize(); i < run * pre.imageSize(); i++) buffer.put(i, 0f);
		InceptionModel model = engine.model();
		long t0 = System.nanoTime();
		RawOutputs raw;
		try {
			raw = predictor.predict(new InputBatch(buffer, model.inputShape(run)));
		} catch (TranslateException | RuntimeException e) {
			Throwable root = e;
			while (root.getCause() != null && root.getCause() != root) root = root.getCause();
			String msg = root.getMessage() == null ? root.toString() : root.getMessage().replaceAll("\\s+", " ").trim();
			throw new InferenceException("inference failed on " + engine.device().name() + ": " + msg, e);
		}
		double inferMs = (System.nanoTime() - t0) / 1e6 / n;
		List<Classification> out = new ArrayList<>(n);
		for (int i = 0; i < n; i++) out.add(postprocess(images.get(i), i, run, raw, opts, preMs[i], inferMs));
		return out;
	}

	private Classification postprocess(ImageInput img, int i, int run, RawOutputs raw, ClassifyOptions opts,
			double preMs, double inferMs) throws InferenceException {
		InceptionModel model = engine.model();
		ModelMetadata meta = model.metadata();
		HeadSearchResult head = model.head();
		boolean probabilitiesOnly = !head.softmaxOutput() && Boolean.TRUE.equals(meta.softmaxOutput());
		float[] scores = raw.data(head.logitsTensor());
		if (scores == null) throw new InferenceException("the model returned no tensor '" + head.logitsTensor() + "'", null);
		int k = scores.length / run;
		double[] values = new double[k];
		for (int c = 0; c < k; c++) values[c] = scores[i * k + c];
		double[] logits = probabilitiesOnly ? null : values;
		double[] probs = probabilitiesOnly ? values : softmax(values);
		int[] ranking = ranking(probs);
		List<Prediction> top = topK(ranking, probs, logits, meta, opts.top());
		// which classes: only when maps will be made (a bad spec is then the caller's error, thrown)
		List<Integer> classes = opts.cam() && head.hasCam() && logits != null
			? ClassSelection.resolve(opts.classSpec(), ranking, k, meta) : List.of();
		long t0 = System.nanoTime();
		List<CamResult> cams = List.of();
		String camError = null;
		if (!opts.cam()) {
			camError = "CAM not requested";
		} else if (!head.hasCam()) {
			camError = head.noCamReason();
		} else if (logits == null) {
			camError = "the model gives probabilities only, so the CAM identity cannot be checked";
		} else {
			CamHead h = head.head();
			long[] fs = raw.shape(h.featureTensor());
			float[] fd = raw.data(h.featureTensor());
			if (fd == null || fs == null || fs.length != 4) {
				camError = "the feature tensor '" + h.featureTensor() + "' is not a 4-D map";
			} else {
				int ch, fh, fw;
				if (h.featureLayout() == io.github.inceptioncam.model.Layout.NCHW) {
					ch = (int) fs[1]; fh = (int) fs[2]; fw = (int) fs[3];
				} else {
					fh = (int) fs[1]; fw = (int) fs[2]; ch = (int) fs[3];
				}
				FeatureMap f = new FeatureMap(fd, i * ch * fh * fw, ch, fh, fw, h.featureLayout());
				try {
					ClassMapper.Outcome o = ClassMapper.map(h, f, logits, classes, meta, img.width(), img.height(), opts.boxFraction(),
						engine.classMapGemm(classes.size()));
					cams = o.cams;
					camError = o.error;
				} catch (IllegalArgumentException e) {
					camError = e.getMessage();
				}
			}
		}
		double camMs = (System.nanoTime() - t0) / 1e6;
		return new Classification(img.name(), img.width(), img.height(), top, logits, probs, cams, camError,
			engine.device().name(), preMs, inferMs, camMs);
	}

	static double[] softmax(double[] z) {
		double max = Double.NEGATIVE_INFINITY;
		for (double v : z) max = Math.max(max, v);
		double[] p = new double[z.length];
		double s = 0;
		for (int i = 0; i < z.length; i++) {
			p[i] = Math.exp(z[i] - max);
			s += p[i];
		}
		for (int i = 0; i < z.length; i++) p[i] /= s;
		return p;
	}

	private static List<Prediction> topK(int[] idx, double[] probs, double[] logits, ModelMetadata meta, int k) {
		List<Prediction> out = new ArrayList<>();
		for (int r = 0; r < Math.min(k, idx.length); r++) {
			int c = idx[r];
			out.add(new Prediction(c, meta.label(c), probs[c], logits == null ? Double.NaN : logits[c]));
		}
		return out;
	}

	/** Class indices from the most to the least probable (ties: lower index first). */
	static int[] ranking(double[] probs) {
		Integer[] idx = new Integer[probs.length];
		for (int i = 0; i < idx.length; i++) idx[i] = i;
		Arrays.sort(idx, (a, b) -> {
			int c = Double.compare(probs[b], probs[a]);
			return c != 0 ? c : Integer.compare(a, b);
		});
		int[] out = new int[idx.length];
		for (int i = 0; i < out.length; i++) out[i] = idx[i];
		return out;
	}

	/** Closes the predictor (and its DJL manager); idempotent. */
	@Override
	public void close() {
		if (closed) return;
		closed = true;
		try {
			predictor.close();
		} finally {
			engine.sessionClosed();
		}
	}
}
