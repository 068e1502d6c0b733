package io.github.inceptioncam.demo;

/** Chromatin texture of one field: two octaves of value noise, read as a zero-mean value of about [-1, 1] per pixel. */
final class Texture {
	private final int width;
	private final float[] fine;
	private final float[] medium;

	Texture(int width, int height, Rng rng) {
		this.width = width;
		this.fine = ValueNoise.field(width, height, 2.2, rng);
		this.medium = ValueNoise.field(width, height, 5.5, rng);
	}

	/** Texture at a pixel inside the field. */
	double at(int x, int y) {
		int i = y * width + x;
		return 1.4 * (fine[i] - 0.5) + 1.0 * (medium[i] - 0.5);
	}
}
