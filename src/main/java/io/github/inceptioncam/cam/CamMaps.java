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

	/**
	 * The raw maps of several classes at once ({@link #raw} of each, the same values): the feature map is
	 * read once per block of four classes instead of once per class, which is what makes maps for all of
	 * 1,000 classes cheap. Per pixel the sum still runs over the channels in order.
	 */
	public static double[][] raw(CamHead head, FeatureMap f, int[] classes) {
		double[][] out = new double[classes.length][];
		if (head.kind() == CamHead.Kind.CLASS_MAPS || classes.length < 4) {
			for (int i = 0; i < classes.length; i++) out[i] = raw(head, f, classes[i]);
			return out;
		}
		int h = f.height(), w = f.width(), k = f.channels(), hw = h * w, off = f.offset();
		if (head.channels() != k) {
			throw new IllegalArgumentException("the classifier expects " + head.channels() + " feature channels but the feature map has " + k);
		}
		float[] d = f.data();
		double[][] weights = head.weights();
		int i = 0;
		for (; i + 4 <= classes.length; i += 4) {
			double[] w0 = weights[classes[i]], w1 = weights[classes[i + 1]], w2 = weights[classes[i + 2]], w3 = weights[classes[i + 3]];
			double[] m0 = new double[hw], m1 = new double[hw], m2 = new double[hw], m3 = new double[hw];
			if (f.layout() == Layout.NCHW) {
				for (int j = 0; j < k; j++) {
					double a0 = w0[j], a1 = w1[j], a2 = w2[j], a3 = w3[j];
					int base = off + j * hw;
					for (int p = 0; p < hw; p++) {
						double v = d[base + p];
						m0[p] += a0 * v;
						m1[p] += a1 * v;
						m2[p] += a2 * v;
						m3[p] += a3 * v;
					}
				}
			} else {
				for (int p = 0, base = off; p < hw; p++, base += k) {
					double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
					for (int j = 0; j < k; j++) {
						double v = d[base + j];
						s0 += w0[j] * v;
						s1 += w1[j] * v;
						s2 += w2[j] * v;
						s3 += w3[j] * v;
					}
					m0[p] = s0;
					m1[p] = s1;
					m2[p] = s2;
					m3[p] = s3;
				}
			}
			out[i] = m0;
			out[i + 1] = m1;
			out[i + 2] = m2;
			out[i + 3] = m3;
		}
		for (; i < classes.length; i++) out[i] = raw(head, f, classes[i]);
		return out;
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
