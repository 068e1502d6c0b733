package io.github.inceptioncam.cam;

import io.github.inceptioncam.model.CamHead;
import io.github.inceptioncam.model.Layout;

/**
 * The class activation map of Zhou et al. 2016, {@code M_c(x,y) = sum_k w[c,k] f_k(x,y)}, accumulated
 * in double, and the identity that proves it: {@code mean(M_c) + b_c = z_c}.
 */
public final class CamMaps {
	private CamMaps() {}

	/** Raw signed map of class c at feature resolution, row-major {@code height x width}. */
	public static double[] raw(CamHead head, FeatureMap f, int c) {
		int h = f.height(), w = f.width(), k = f.channels();
		double[] m = new double[h * w];
		if (head.kind() == CamHead.Kind.CLASS_MAPS) {
			if (c < 0 || c >= k) throw new IllegalArgumentException("class " + c + " outside the " + k + " class maps");
			for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) m[y * w + x] = f.get(c, y, x);
			return m;
		}
		if (head.channels() != k) {
			throw new IllegalArgumentException("the classifier expects " + head.channels() + " feature channels but the feature map has " + k);
		}
		double[] wc = head.weights()[c];
		float[] d = f.data();
		int hw = h * w, off = f.offset();
		// per pixel, the sum runs over j in order from 0 exactly as sum_j w[c,j] f_j(x,y) would;
		// the loops are only ordered to read the data sequentially
		if (f.layout() == Layout.NCHW) {
			for (int j = 0; j < k; j++) {
				double wj = wc[j];
				int base = off + j * hw;
				for (int p = 0; p < hw; p++) m[p] += wj * d[base + p];
			}
		} else {
			for (int p = 0, base = off; p < hw; p++, base += k) {
				double s = 0;
				for (int j = 0; j < k; j++) s += wc[j] * d[base + j];
				m[p] = s;
			}
		}
		return m;
	}

	/** The spatial mean of every channel: the pooled vector a GAP head reads. */
	public static double[] channelMeans(FeatureMap f) {
		int k = f.channels(), h = f.height(), w = f.width();
		double[] v = new double[k];
		for (int j = 0; j < k; j++) {
			double s = 0;
			for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) s += f.get(j, y, x);
			v[j] = s / (h * w);
		}
		return v;
	}

	/**
	 * {@code sum_j |g_j v_j|}: the size of the terms that add up to {@code z_c - b} for gradient (or
	 * weights) {@code g} and input {@code v}; float rounding in the runtime scales with it.
	 */
	public static double termScale(double[] g, double[] v) {
		double s = 0;
		for (int j = 0; j < Math.min(g.length, v.length); j++) s += Math.abs(g[j] * v[j]);
		return s;
	}

	public static double mean(double[] m) {
		double s = 0;
		for (double v : m) s += v;
		return s / m.length;
	}

	/** {@code mean(M_c) + b_c - z_c}: zero up to float rounding for an exact CAM head. */
	public static double identityError(CamHead head, double[] rawMap, int c, double logit) {
		return mean(rawMap) + head.biasOf(c) - logit;
	}

	/** The tolerance on {@link #identityError}: {@code 1e-4 * max(1, |z_c|)}. */
	public static double identityTolerance(double logit) {
		return 1e-4 * Math.max(1, Math.abs(logit));
	}

	/** Display map: ReLU, then divided by the maximum; a map with no positive value gives zeros. */
	public static float[] display(double[] m) {
		double max = 0;
		for (double v : m) if (v > max) max = v;
		float[] out = new float[m.length];
		if (!(max > 0) || Double.isInfinite(max)) return out;
		for (int i = 0; i < m.length; i++) out[i] = m[i] > 0 ? (float) (m[i] / max) : 0f;
		return out;
	}
}
