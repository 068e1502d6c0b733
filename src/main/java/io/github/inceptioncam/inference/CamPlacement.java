package io.github.inceptioncam.inference;

import io.github.inceptioncam.cam.Bilinear;
import io.github.inceptioncam.cam.CamBox;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts a result's maps back into the pixels of the original image when the model input was not the region
 * resized (a region taken at its own scale, padded, or rescaled to the model's pixel size): the model input
 * covered the window {@code (x0, y0, w, h)} of the region, in region pixels; each map is resampled onto the
 * region's {@code width x height} pixel grid with align-corners=false bilinear sampling (the same as
 * {@link Bilinear} when the window is the region), zero outside the window, and its box found there.
 */
public final class CamPlacement {
	private CamPlacement() {}

	public static Classification toRegion(Classification c, double x0, double y0, double w, double h, int width, int height, double boxFraction) {
		List<CamResult> cams = new ArrayList<>(c.cams().size());
		for (CamResult r : c.cams()) {
			double[] raw = r.raw();
			java.util.function.Supplier<double[]> resampler = () -> sample(raw, r.featureWidth(), r.featureHeight(), x0, y0, w, h, width, height);
			double[] up = resampler.get();
			int[] box = CamBox.box(up, width, height, boxFraction);
			// only the first map (the one drawn) is kept resampled: the others are remade when asked for, so that
			// the maps of many classes do not hold one image-sized map each
			cams.add(new CamResult(r.classIndex(), r.label(), raw, r.featureWidth(), r.featureHeight(), width, height,
				cams.isEmpty() ? up : null, resampler, box, r.identityError(), r.method(), r.exact()));
		}
		return new Classification(c.image(), width, height, c.top(), c.logits(), c.probabilities(), cams, c.camError(), c.device(),
			c.preprocessMs(), c.inferenceMs(), c.camMs());
	}

	/** The {@code fw x fh} map spread over window (x0, y0, w, h) and read at each pixel centre of a {@code width x height} grid. */
	static double[] sample(double[] map, int fw, int fh, double x0, double y0, double w, double h, int width, int height) {
		if (x0 == 0 && y0 == 0 && w == width && h == height) return Bilinear.resize(map, fw, fh, width, height);
		int[] lx = new int[width], hx = new int[width], ly = new int[height], hy = new int[height];
		double[] fx = new double[width], fy = new double[height];
		boolean[] inX = axis(x0, w, fw, lx, hx, fx), inY = axis(y0, h, fh, ly, hy, fy);
		double[] out = new double[width * height];
		for (int y = 0; y < height; y++) {
			if (!inY[y]) continue;
			int r0 = ly[y] * fw, r1 = hy[y] * fw;
			double gy = fy[y];
			for (int x = 0; x < width; x++) {
				if (!inX[x]) continue;
				double a = map[r0 + lx[x]] * (1 - fx[x]) + map[r0 + hx[x]] * fx[x];
				double b = map[r1 + lx[x]] * (1 - fx[x]) + map[r1 + hx[x]] * fx[x];
				out[y * width + x] = a * (1 - gy) + b * gy;
			}
		}
		return out;
	}

	/** Sampling positions along one axis; false where the pixel centre lies outside the window. */
	private static boolean[] axis(double origin, double size, int n, int[] lo, int[] hi, double[] frac) {
		boolean[] in = new boolean[lo.length];
		double scale = n / size;
		for (int i = 0; i < lo.length; i++) {
			double centre = i + 0.5 - origin;
			in[i] = centre >= 0 && centre <= size;
			double src = centre * scale - 0.5;
			if (src < 0) src = 0;
			int i0 = (int) Math.floor(src);
			if (i0 > n - 1) i0 = n - 1;
			lo[i] = i0;
			hi[i] = Math.min(i0 + 1, n - 1);
			frac[i] = src - i0;
		}
		return in;
	}
}
