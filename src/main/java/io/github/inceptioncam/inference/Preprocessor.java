package io.github.inceptioncam.inference;

import io.github.inceptioncam.cam.Bilinear;
import io.github.inceptioncam.model.Layout;
import io.github.inceptioncam.model.ModelMetadata;
import io.github.inceptioncam.model.Scaling;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Turns an {@link ImageInput} into model input values, in plain Java: channel mapping, bilinear resize
 * to the model size (align-corners=false), scaling by bit depth or percentiles, then
 * {@code (v - mean) / std} per channel, written at a batch position of a (direct) float buffer.
 *
 * <p>Channel mapping: equal counts map one to one; a grey image feeds every channel of an RGB model;
 * an RGB (or multi-channel) image feeds a one-channel model with the mean of its first three
 * channels; a two-channel image feeds an RGB model as red and green with blue zero; more than three
 * channels feed an RGB model with the first three.
 */
public final class Preprocessor {
	private final ModelMetadata meta;

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
		for (int c = 0; c < mc; c++) {
			float[] src = sourcePlane(img, c, mc);
			double[] ab = scaling(img, src);
			float[] r = src == null ? new float[w * h] : Bilinear.resize(src, img.width(), img.height(), w, h);
			double a = src == null ? 0 : ab[0] / std[c];
			double b = src == null ? -mean[c] / std[c] : (ab[1] - mean[c]) / std[c];
			if (meta.layout() == Layout.NCHW) {
				int off = base + c * w * h;
				for (int i = 0; i < r.length; i++) dst.put(off + i, (float) (r[i] * a + b));
			} else {
				for (int i = 0; i < r.length; i++) dst.put(base + i * mc + c, (float) (r[i] * a + b));
			}
		}
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
		double lo = percentile(plane, meta.percentileLow()), hi = percentile(plane, meta.percentileHigh());
		double span = hi - lo;
		if (!(span > 0)) return new double[] {0, 0};
		return new double[] {1 / span, -lo / span};
	}

	/** Percentile with linear interpolation between order statistics (numpy's default). */
	public static double percentile(float[] values, double p) {
		float[] s = values.clone();
		Arrays.sort(s);
		double pos = p / 100.0 * (s.length - 1);
		int i = (int) Math.floor(pos);
		if (i >= s.length - 1) return s[s.length - 1];
		double f = pos - i;
		return s[i] + (s[i + 1] - (double) s[i]) * f;
	}
}
