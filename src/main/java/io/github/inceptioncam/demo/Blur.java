package io.github.inceptioncam.demo;

/** The microscope's point spread function, approximated by a separable Gaussian blur with mirrored edges. */
final class Blur {
	private Blur() {}

	static void gaussian(float[] img, int width, int height, double sigma) {
		int r = Math.max(1, (int) Math.ceil(3 * sigma));
		double[] k = new double[2 * r + 1];
		double sum = 0;
		for (int i = -r; i <= r; i++) sum += k[i + r] = StrictMath.exp(-i * i / (2 * sigma * sigma));
		for (int i = 0; i < k.length; i++) k[i] /= sum;
		float[] line = new float[Math.max(width, height)];
		for (int y = 0; y < height; y++) {
			System.arraycopy(img, y * width, line, 0, width);
			for (int x = 0; x < width; x++) img[y * width + x] = (float) convolve(line, width, x, k, r);
		}
		for (int x = 0; x < width; x++) {
			for (int y = 0; y < height; y++) line[y] = img[y * width + x];
			for (int y = 0; y < height; y++) img[y * width + x] = (float) convolve(line, height, y, k, r);
		}
	}

	private static double convolve(float[] line, int n, int at, double[] k, int r) {
		double s = 0;
		for (int i = -r; i <= r; i++) s += k[i + r] * line[mirror(at + i, n)];
		return s;
	}

	private static int mirror(int i, int n) {
		if (n == 1) return 0;
		while (i < 0 || i >= n) i = i < 0 ? -i : 2 * n - 2 - i;
		return i;
	}
}
