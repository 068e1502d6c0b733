package io.github.inceptioncam.demo;

/** Uneven excitation over the field: off-centre vignetting, a linear gradient and slow ripples, about 0.55-1.0. */
final class Illumination {
	private Illumination() {}

	static float[] random(int width, int height, Rng rng) {
		double vignette = rng.uniform(0.1, 0.3), gradient = rng.uniform(0, 0.15), dir = rng.angle();
		double x0 = rng.uniform(0, width), y0 = rng.uniform(0, height), norm = (width * width + height * height) / 2.0;
		double gx = StrictMath.cos(dir) / width, gy = StrictMath.sin(dir) / height;
		float[] ripple = ValueNoise.field(width, height, Math.max(width, height) / 2.5, rng);
		float[] out = new float[width * height];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				double d2 = ((x - x0) * (x - x0) + (y - y0) * (y - y0)) / norm;
				double v = (1 - vignette * d2) * (1 + gradient * ((x - width / 2.0) * gx + (y - height / 2.0) * gy) * 2)
					* (1 + 0.12 * (ripple[y * width + x] - 0.5));
				out[y * width + x] = (float) Math.max(0.4, Math.min(1.15, v));
			}
		}
		return out;
	}
}
