package io.github.inceptioncam.inference;

import io.github.inceptioncam.cam.Bilinear;
import io.github.inceptioncam.model.Layout;
import io.github.inceptioncam.model.ModelMetadata;
import io.github.inceptioncam.model.PreStep;
import io.github.inceptioncam.model.Scaling;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Turns an {@link ImageInput} into model input values, in plain Java: channel mapping, bilinear resize
 * to the model size (align-corners=false), scaling by bit depth or percentiles, then
 * {@code (v - mean) / std} per channel, written at a batch position of a (direct) float buffer.
 *
 * <p>Channel mapping: the callers pick the model's channels from the image's first
 * ({@link io.github.inceptioncam.image.ChannelMapping}), so counts are normally equal and map one to one. Left
 * as a fallback for other callers: a grey image feeds every channel of an RGB model; an RGB (or
 * multi-channel) image feeds a one-channel model with the mean of its first three channels; a two-channel
 * image feeds an RGB model as red and green with blue zero; more than three channels feed an RGB model with
 * the first three.
 */
public final class Preprocessor {
	private final ModelMetadata meta;
	/** One plane of scaled values, reused image after image (a preprocessor serves one thread). */
	private float[] scratch;

	public Preprocessor(ModelMetadata meta) {
		this.meta = meta;
	}

	/** Number of floats of one image in the input tensor. */
	public int imageSize() {
		return meta.channels() * meta.inputWidth() * meta.inputHeight();
	}

	/** Writes image {@code img} as batch element {@code index} of {@code dst}. */
	public void write(ImageInput img, FloatBuffer dst, int index) {
		int mc = meta.channels(), w = meta.inputWidth(), h = meta.inputHeight();
		int base = index * imageSize();
		double[] mean = meta.mean(), std = meta.std();
		if (!meta.steps().isEmpty()) {
			float[][] planes = new float[mc][];
			for (int c = 0; c < mc; c++) {
				float[] src = sourcePlane(img, c, mc);
				double[] ab = scaling(img, src);
				float[] r = src == null ? new float[w * h] : Bilinear.resize(src, img.width(), img.height(), w, h);
				double a = src == null ? 0 : ab[0] / std[c];
				double b = src == null ? -mean[c] / std[c] : (ab[1] - mean[c]) / std[c];
				for (int i = 0; i < r.length; i++) r[i] = (float) (r[i] * a + b);
				planes[c] = r;
			}
			applySteps(meta.steps(), planes);
			for (int c = 0; c < mc; c++) {
				float[] r = planes[c];
				if (meta.layout() == Layout.NCHW) {
					FloatBuffer view = dst.duplicate();
					view.position(base + c * w * h);
					view.put(r);
				} else {
					for (int i = 0; i < r.length; i++) dst.put(base + i * mc + c, r[i]);
				}
			}
			return;
		}
		float[] lastSrc = null, lastResized = null;
		double[] lastAb = null;
		for (int c = 0; c < mc; c++) {
			float[] src = sourcePlane(img, c, mc);
			boolean again = src != null && src == lastSrc; // a grey image feeds every channel: scale and resize it once
			double[] ab = again ? lastAb : scaling(img, src);
			// at the model's size the source plane is read as it is (never written): no resized copy
			boolean same = src != null && img.width() == w && img.height() == h;
			float[] r = src == null ? new float[w * h] : again ? lastResized
				: same ? src : Bilinear.resize(src, img.width(), img.height(), w, h);
			lastSrc = src;
			lastAb = ab;
			lastResized = r;
			double a = src == null ? 0 : ab[0] / std[c];
			double b = src == null ? -mean[c] / std[c] : (ab[1] - mean[c]) / std[c];
			if (meta.layout() == Layout.NCHW) {
				// scaled into this preprocessor's scratch plane, then one bulk copy
				if (scratch == null || scratch.length != w * h) scratch = new float[w * h];
				for (int i = 0; i < r.length; i++) scratch[i] = (float) (r[i] * a + b);
				FloatBuffer view = dst.duplicate();
				view.position(base + c * w * h);
				view.put(scratch);
			} else {
				for (int i = 0; i < r.length; i++) dst.put(base + i * mc + c, (float) (r[i] * a + b));
			}
		}
	}

	/**
	 * Normalises one sample already at the model's size, given as float planes of raw values (as a 32-bit
	 * image: the {@code range} scaling leaves them as they are): scaling, mean/std, then the package's steps.
	 * The same arithmetic as {@link #write} without the resize; {@code validate} uses it on test tensors.
	 */
	public static void normalise(ModelMetadata meta, float[][] planes) {
		double[] mean = meta.mean(), std = meta.std();
		for (int c = 0; c < planes.length; c++) {
			float[] r = planes[c];
			double a = 1, b = 0;
			if (meta.scaling() == Scaling.PERCENTILE) {
				double[] p = percentiles(r, meta.percentileLow(), meta.percentileHigh());
				double span = p[1] - p[0];
				a = span > 0 ? 1 / span : 0;
				b = span > 0 ? -p[0] / span : 0;
			}
			a /= std[c];
			b = (b - mean[c]) / std[c];
			for (int i = 0; i < r.length; i++) r[i] = (float) (r[i] * a + b);
		}
		applySteps(meta.steps(), planes);
	}

	/**
	 * Applies a bioimage.io package's steps in order, in place, to one sample's channel planes (all of
	 * one size); statistics are of this sample, per channel or over all channels ({@link PreStep#joint()}).
	 */
	public static void applySteps(java.util.List<PreStep> steps, float[][] planes) {
		int n = planes.length;
		for (PreStep s : steps) {
			double[][] st = new double[n][];
			if (s.op() == PreStep.Op.SCALE_RANGE || s.op() == PreStep.Op.CLIP || s.op() == PreStep.Op.ZERO_MEAN_UNIT_VARIANCE) {
				if (s.joint()) {
					double[] one = stats(s, concat(planes));
					for (int c = 0; c < n; c++) st[c] = one;
				} else {
					for (int c = 0; c < n; c++) st[c] = stats(s, planes[c]);
				}
			}
			for (int c = 0; c < n; c++) {
				float[] p = planes[c];
				switch (s.op()) {
					case SCALE_LINEAR: {
						double g = s.a(c), o = s.b(c);
						for (int i = 0; i < p.length; i++) p[i] = (float) (g * p[i] + o);
						break;
					}
					case SCALE_RANGE: {
						double lo = st[c][0], d = st[c][1] - lo + s.eps();
						for (int i = 0; i < p.length; i++) p[i] = (float) ((p[i] - lo) / d);
						break;
					}
					case ZERO_MEAN_UNIT_VARIANCE: case FIXED_ZERO_MEAN_UNIT_VARIANCE: {
						double m = s.op() == PreStep.Op.FIXED_ZERO_MEAN_UNIT_VARIANCE ? s.a(c) : st[c][0];
						double d = (s.op() == PreStep.Op.FIXED_ZERO_MEAN_UNIT_VARIANCE ? s.b(c) : st[c][1]) + s.eps();
						for (int i = 0; i < p.length; i++) p[i] = (float) ((p[i] - m) / d);
						break;
					}
					case BINARIZE: {
						double t = s.a(c);
						for (int i = 0; i < p.length; i++) p[i] = p[i] > t ? 1f : 0f;
						break;
					}
					case CLIP: {
						double lo = st[c] != null && !Double.isNaN(s.percentileLow()) ? st[c][0] : s.a(c);
						double hi = st[c] != null && !Double.isNaN(s.percentileHigh()) ? st[c][1] : s.b(c);
						for (int i = 0; i < p.length; i++) p[i] = (float) Math.min(Math.max(p[i], lo), hi);
						break;
					}
					default:
						for (int i = 0; i < p.length; i++) p[i] = (float) (1 / (1 + Math.exp(-p[i])));
				}
			}
		}
	}

	/** {lower, upper} percentiles, or {mean, population std}, of the values, as the step needs. */
	private static double[] stats(PreStep s, float[] v) {
		if (s.op() == PreStep.Op.ZERO_MEAN_UNIT_VARIANCE) {
			double sum = 0;
			for (float x : v) sum += x;
			double m = sum / v.length, ss = 0;
			for (float x : v) ss += (x - m) * (x - m);
			return new double[] {m, Math.sqrt(ss / v.length)};
		}
		if (s.op() == PreStep.Op.CLIP && Double.isNaN(s.percentileLow()) && Double.isNaN(s.percentileHigh())) return null;
		double lo = Double.isNaN(s.percentileLow()) ? 0 : s.percentileLow();
		double hi = Double.isNaN(s.percentileHigh()) ? 100 : s.percentileHigh();
		return percentiles(v, lo, hi);
	}

	private static float[] concat(float[][] planes) {
		int len = 0;
		for (float[] p : planes) len += p.length;
		float[] out = new float[len];
		int k = 0;
		for (float[] p : planes) {
			System.arraycopy(p, 0, out, k, p.length);
			k += p.length;
		}
		return out;
	}

	/** The source plane for model channel c, or null for a zero channel. */
	private static float[] sourcePlane(ImageInput img, int c, int modelChannels) {
		int sc = img.channels();
		if (sc == modelChannels) return img.plane(c);
		if (sc == 1) return img.plane(0);
		if (modelChannels == 1) {
			int n = Math.min(3, sc);
			float[] out = new float[img.width() * img.height()];
			for (int k = 0; k < n; k++) {
				float[] p = img.plane(k);
				for (int i = 0; i < out.length; i++) out[i] += p[i];
			}
			for (int i = 0; i < out.length; i++) out[i] /= n;
			return out;
		}
		return c < sc ? img.plane(c) : null;
	}

	/** {@code {a, b}} such that the scaled value is {@code a * v + b}. */
	private double[] scaling(ImageInput img, float[] plane) {
		if (plane == null) return new double[] {0, 0};
		Scaling s = meta.scaling();
		if (s == Scaling.NONE) return new double[] {1, 0};
		if (s == Scaling.RANGE) return new double[] {1 / img.rangeDivisor(), 0};
		double[] p = percentiles(plane, meta.percentileLow(), meta.percentileHigh());
		double lo = p[0], hi = p[1];
		double span = hi - lo;
		if (!(span > 0)) return new double[] {0, 0};
		return new double[] {1 / span, -lo / span};
	}

	/** Percentile with linear interpolation between order statistics (numpy's default). */
	public static double percentile(float[] values, double p) {
		return percentiles(values, p, p)[0];
	}

	/**
	 * Two percentiles of one plane, as {@link #percentile}: the same order statistics as sorting a copy,
	 * so the same values, in linear time. Planes of whole numbers in [0, 65535] (8-bit, 16-bit and RGB
	 * images) are counted in a histogram, others go through selection.
	 */
	static double[] percentiles(float[] values, double p1, double p2) {
		int max = wholeNumberMax(values);
		if (max >= 0) {
			int[] hist = new int[max + 1];
			for (float v : values) hist[(int) v]++;
			return new double[] {interpolate(hist, values.length, p1), interpolate(hist, values.length, p2)};
		}
		return selected(values, p1, p2);
	}

	/**
	 * Percentiles of any plane from the order statistics found by selection (linear time) instead of a
	 * full sort. Floats are compared as {@link Arrays#sort(float[])} orders them (-0.0 before 0.0, NaN
	 * last), through integer keys with the same order.
	 */
	private static double[] selected(float[] values, double p1, double p2) {
		int n = values.length;
		int[] keys = new int[n];
		for (int i = 0; i < n; i++) {
			int b = Float.floatToIntBits(values[i]);
			keys[i] = b ^ ((b >> 31) & 0x7fffffff);
		}
		double lo = Math.min(p1, p2), hi = Math.max(p1, p2);
		Selection sel = new Selection(keys);
		double a = sel.percentile(lo), b = sel.percentile(hi);
		return p1 <= p2 ? new double[] {a, b} : new double[] {b, a};
	}

	/** Order statistics of an int array by quickselect with three-way partitioning, from low to high ranks. */
	private static final class Selection {
		private final int[] a;
		/** Everything before {@code from} is known to be at most everything from it on. */
		private int from;

		Selection(int[] a) {
			this.a = a;
		}

		/** The percentile as numpy computes it on the sorted values; call with increasing percentiles. */
		double percentile(double p) {
			int n = a.length;
			double pos = p / 100.0 * (n - 1);
			int i = (int) Math.floor(pos);
			if (i >= n - 1) return value(select(n - 1));
			double f = pos - i;
			float si = value(select(i));
			int next = a[i + 1];
			for (int k = i + 2; k < n; k++) if (a[k] < next) next = a[k];
			float sj = value(next);
			return si + (sj - (double) si) * f;
		}

		/** Puts the k-th smallest at index k, the smaller ones before it and the larger ones after; returns it. */
		private int select(int k) {
			int lo = Math.max(from, 0), hi = a.length - 1;
			if (k < lo) lo = 0;
			int rounds = 0;
			while (lo < hi) {
				if (++rounds > 64) { // pathological pivots: sort what is left
					Arrays.sort(a, lo, hi + 1);
					break;
				}
				int mid = (lo + hi) >>> 1;
				int pivot = median(a[lo], a[mid], a[hi]);
				// three-way partition: [lo, lt) < pivot, [lt, gt] == pivot, (gt, hi] > pivot
				int lt = lo, gt = hi, i = lo;
				while (i <= gt) {
					int v = a[i];
					if (v < pivot) {
						a[i++] = a[lt];
						a[lt++] = v;
					} else if (v > pivot) {
						a[i] = a[gt];
						a[gt--] = v;
					} else {
						i++;
					}
				}
				if (k < lt) hi = lt - 1;
				else if (k > gt) lo = gt + 1;
				else break;
			}
			from = k;
			return a[k];
		}

		private static int median(int x, int y, int z) {
			return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
		}

		private static float value(int key) {
			return Float.intBitsToFloat(key ^ ((key >> 31) & 0x7fffffff));
		}
	}

	/** The largest value when all are whole numbers in [0, 65535] (not -0.0, not NaN), else -1. */
	private static int wholeNumberMax(float[] values) {
		int max = 0;
		for (float v : values) {
			if (Float.floatToRawIntBits(v) < 0 || !(v <= 65535f)) return -1;
			int i = (int) v;
			if (i != v) return -1;
			if (i > max) max = i;
		}
		return max;
	}

	private static double interpolate(int[] hist, int n, double p) {
		double pos = p / 100.0 * (n - 1);
		int i = (int) Math.floor(pos);
		if (i >= n - 1) return orderStatistic(hist, n - 1);
		double f = pos - i;
		float si = orderStatistic(hist, i), sj = orderStatistic(hist, i + 1);
		return si + (sj - (double) si) * f;
	}

	/** The k-th smallest value (0-based) of the counted values. */
	private static float orderStatistic(int[] hist, int k) {
		long seen = 0;
		for (int v = 0; v < hist.length; v++) {
			seen += hist[v];
			if (seen > k) return v;
		}
		return hist.length - 1;
	}
}
