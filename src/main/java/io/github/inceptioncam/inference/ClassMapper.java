package io.github.inceptioncam.inference;

import io.github.inceptioncam.cam.Bilinear;
import io.github.inceptioncam.cam.CamBox;
import io.github.inceptioncam.cam.CamMaps;
import io.github.inceptioncam.cam.FeatureMap;
import io.github.inceptioncam.cam.HiResCam;
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
		for (int c : classes) {
			double[] m;
			double err;
			if (ev == null) {
				m = CamMaps.raw(head, f, c);
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
			double[] up = Bilinear.resize(m, f.width(), f.height(), imageWidth, imageHeight);
			int[] box = CamBox.box(up, imageWidth, imageHeight, boxFraction);
			// the resampled map is not kept (0.7 MB at 299x299): who draws or saves it resamples it again
			out.add(new CamResult(c, meta.label(c), m, f.width(), f.height(), imageWidth, imageHeight, null,
				box, err, head.method(), head.exact()));
		}
		return new Outcome(out, null);
	}
}
