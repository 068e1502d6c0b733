package io.github.inceptioncam.demo;

/** Smooth random fields in [0, 1] (value noise on a lattice, smoothstep interpolation): chromatin texture, uneven background. */
final class ValueNoise {
	private ValueNoise() {}

	/** A width x height field whose features are about {@code spacing} pixels apart. */
	static float[] field(int width, int height, double spacing, Rng rng) {
		int gw = (int) Math.ceil(width / spacing) + 2, gh = (int) Math.ceil(height / spacing) + 2;
		float[] lattice = new float[gw * gh];
		for (int i = 0; i < lattice.length; i++) lattice[i] = (float) rng.uniform();
		double ox = rng.uniform(), oy = rng.uniform();
		float[] out = new float[width * height];
		double[] wx = new double[width];
		int[] ix = new int[width];
		for (int x = 0; x < width; x++) {
			double gx = x / spacing + ox;
			ix[x] = (int) gx;
			wx[x] = smooth(gx - ix[x]);
		}
		for (int y = 0; y < height; y++) {
			double gy = y / spacing + oy;
			int iy = (int) gy;
			double wy = smooth(gy - iy);
			int r0 = iy * gw, r1 = r0 + gw;
			for (int x = 0; x < width; x++) {
				int i = ix[x];
				double top = lattice[r0 + i] + wx[x] * (lattice[r0 + i + 1] - lattice[r0 + i]);
				double bottom = lattice[r1 + i] + wx[x] * (lattice[r1 + i + 1] - lattice[r1 + i]);
				out[y * width + x] = (float) (top + wy * (bottom - top));
			}
		}
		return out;
	}

	private static double smooth(double t) {
		return t * t * (3 - 2 * t);
	}
}
