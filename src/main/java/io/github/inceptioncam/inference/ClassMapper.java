package io.github.inceptioncam.inference;

import io.github.inceptioncam.cam.CamMaps;
import io.github.inceptioncam.cam.FeatureMap;
import io.github.inceptioncam.cam.HiResCam;
import io.github.inceptioncam.cam.ResizedBox;
import io.github.inceptioncam.model.CamHead;
import io.github.inceptioncam.model.ModelMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns one image's feature map and ONNX Runtime's logits into the class maps of the requested classes,
 * for every kind of head, with the checks that prove the head was read right: the CAM identity
 * ({@code mean(M_c) + b_eff = z_c}) for exact heads, and for operator chains also that the head
 * evaluated in Java gives ONNX Runtime's logits. A failed check refuses the maps with the reason.
 */
final class ClassMapper {
	/** The maps, or why there are none. */
	static final class Outcome {
		final List<CamResult> cams;
		final String error;

		Outcome(List<CamResult> cams, String error) {
			this.cams = cams;
			this.error = error;
		}
	}

	private ClassMapper() {}

	static Outcome map(CamHead head, FeatureMap f, double[] logits, List<Integer> classes, ModelMetadata meta,
			int imageWidth, int imageHeight, double boxFraction) {
		return map(head, f, logits, classes, meta, imageWidth, imageHeight, boxFraction, null);
	}

	/** As above; {@code gemm}, when not null, makes the maps of a linear head (many classes at once). */
	static Outcome map(CamHead head, FeatureMap f, double[] logits, List<Integer> classes, ModelMetadata meta,
			int imageWidth, int imageHeight, double boxFraction, ClassMapGemm gemm) {
		List<CamResult> out = new ArrayList<>(classes.size());
		HiResCam.Evaluation ev = null;
		if (head.kind() == CamHead.Kind.CHAIN) {
			ev = HiResCam.evaluate(head.chain(), f);
			double[] mine = ev.logits();
			if (!HiResCam.agrees(mine, logits)) {
				return new Outcome(List.of(), String.format(Locale.ROOT, "the head evaluated in Java gives logits up to %.3g away from "
					+ "ONNX Runtime's; the head (%s) was not read correctly, please report this model",
					HiResCam.maxDifference(mine, logits), head.operators()));
			}
		}
		double[] pooled = null; // the pooled features, computed only when a tolerance needs the size of the terms
		// linear heads: every requested map in one pass over the feature map
		double[][] maps = ev == null ? linearMaps(head, f, classes.stream().mapToInt(Integer::intValue).toArray(), gemm) : null;
		double[][] kept = new double[classes.size()][];
		double[] errors = new double[classes.size()];
		for (int ci = 0; ci < classes.size(); ci++) {
			int c = classes.get(ci);
			double[] m;
			double err;
			if (ev == null) {
				m = maps[ci];
				err = CamMaps.identityError(head, m, c, logits[c]);
			} else {
				m = ev.map(c);
				double bEff = head.exact() ? ev.effectiveBias(c) : 0;
				err = CamMaps.mean(m) + bEff - logits[c];
			}
			if (head.exact() && !(Math.abs(err) <= CamMaps.identityTolerance(logits[c]))) {
				// ONNX Runtime sums in float: a small z_c made of large terms carries their rounding, so the
				// tolerance follows the size of the terms (computed only here, off the common path)
				double scale;
				if (ev != null) {
					scale = ev.termScale(c);
				} else if (head.kind() == CamHead.Kind.LINEAR) {
					if (pooled == null) pooled = CamMaps.channelMeans(f);
					scale = CamMaps.termScale(head.weights()[c], pooled);
				} else {
					scale = 0;
				}
				double tol = CamMaps.identityTolerance(Math.max(Math.abs(logits[c]), scale));
				if (!(Math.abs(err) <= tol)) {
					return new Outcome(List.of(), String.format(Locale.ROOT, "CAM identity check failed: mean(M_c) + b_eff - z_c = %.3g "
						+ "exceeds %.3g; the head was not read correctly, please report this model", err, tol));
				}
			}
			kept[ci] = m;
			errors[ci] = err;
		}
		int[][] boxes = boxes(kept, f.width(), f.height(), imageWidth, imageHeight, boxFraction);
		for (int ci = 0; ci < classes.size(); ci++) {
			int c = classes.get(ci);
			out.add(new CamResult(c, meta.label(c), kept[ci], f.width(), f.height(), imageWidth, imageHeight, null,
				boxes[ci], errors[ci], head.method(), head.exact()));
		}
		return new Outcome(out, null);
	}

	/** From this many maps on, their boxes are found on every processor (the runtime is idle meanwhile). */
	static final int PARALLEL_BOXES = 64;

	/**
	 * The box of each map resampled to the image, found without making the resampled map (0.7 MB at
	 * 299x299 per class; who draws or saves a map resamples it).
	 */
	static int[][] boxes(double[][] maps, int fw, int fh, int imageWidth, int imageHeight, double boxFraction) {
		int n = maps.length;
		int[][] boxes = new int[n][];
		if (n == 0) return boxes;
		// one part per processor, each with its own geometry (it keeps working arrays)
		int parts = n < PARALLEL_BOXES ? 1 : Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), n / 32));
		java.util.stream.IntStream range = java.util.stream.IntStream.range(0, parts);
		if (parts > 1) range = range.parallel();
		range.forEach(k -> {
			ResizedBox.Geometry g = new ResizedBox.Geometry(fw, fh, imageWidth, imageHeight);
			for (int i = (int) ((long) n * k / parts); i < (int) ((long) n * (k + 1) / parts); i++) boxes[i] = g.box(maps[i], boxFraction);
		});
		return boxes;
	}

	private static double[][] linearMaps(CamHead head, FeatureMap f, int[] classes, ClassMapGemm gemm) {
		if (gemm != null && head.kind() == CamHead.Kind.LINEAR) {
			try {
				return gemm.maps(f, classes);
			} catch (ai.onnxruntime.OrtException | IllegalArgumentException e) {
				// the Java path below gives the same maps
			}
		}
		return CamMaps.raw(head, f, classes);
	}
}
