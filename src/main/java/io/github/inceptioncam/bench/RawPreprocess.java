package io.github.inceptioncam.bench;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * What a user of raw ONNX Runtime writes: raster samples of a decoded image (never getRGB, which
 * colour-converts grey images) to an NCHW float tensor with the sidecar's scaling and mean/std. Images
 * must already be at the model size: this peer does not resize.
 */
final class RawPreprocess {
	private final Sidecar sc;

	RawPreprocess(Sidecar sc) {
		this.sc = sc;
	}

	void write(BufferedImage img, FloatBuffer dst, int index) {
		int w = sc.input.width, h = sc.input.height, mc = sc.input.channels, n = w * h;
		if (img.getWidth() != w || img.getHeight() != h) {
			throw new IllegalArgumentException("raw peer: image is " + img.getWidth() + "x" + img.getHeight() + ", the model takes " + w + "x" + h);
		}
		Raster r = img.getRaster();
		int bands = r.getNumBands();
		double divisor = r.getSampleModel().getSampleSize(0) > 8 ? 65535 : 255;
		float[][] planes = new float[bands][];
		for (int b = 0; b < bands; b++) planes[b] = r.getSamples(0, 0, w, h, b, (float[]) null);
		int base = index * mc * n;
		for (int c = 0; c < mc; c++) {
			float[] src = channel(planes, c, mc);
			double a, b;
			switch (sc.normalization.scaling == null ? "range" : sc.normalization.scaling.toLowerCase()) {
				case "none": a = 1; b = 0; break;
				case "percentile": {
					float[] s = src.clone();
					Arrays.sort(s);
					double lo = percentile(s, sc.normalization.percentiles[0]), hi = percentile(s, sc.normalization.percentiles[1]);
					a = hi > lo ? 1 / (hi - lo) : 0;
					b = hi > lo ? -lo / (hi - lo) : 0;
					break;
				}
				default: a = 1 / divisor; b = 0;
			}
			double m = sc.mean(c), sd = sc.std(c);
			for (int i = 0; i < n; i++) dst.put(base + c * n + i, (float) ((src[i] * a + b - m) / sd));
		}
	}

	private static float[] channel(float[][] planes, int c, int modelChannels) {
		if (planes.length == modelChannels) return planes[c];
		if (planes.length == 1) return planes[0];
		if (modelChannels == 1) {
			int k = Math.min(3, planes.length);
			float[] out = new float[planes[0].length];
			for (int j = 0; j < k; j++) for (int i = 0; i < out.length; i++) out[i] += planes[j][i];
			for (int i = 0; i < out.length; i++) out[i] /= k;
			return out;
		}
		return c < planes.length ? planes[c] : new float[planes[0].length];
	}

	/** Linear interpolation between order statistics of sorted values (numpy's default). */
	private static double percentile(float[] sorted, double p) {
		double pos = p / 100.0 * (sorted.length - 1);
		int i = (int) Math.floor(pos);
		if (i >= sorted.length - 1) return sorted[sorted.length - 1];
		return sorted[i] + (sorted[i + 1] - (double) sorted[i]) * (pos - i);
	}
}
