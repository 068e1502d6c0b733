package io.github.inceptioncam.demo;

/** A float image in row-major order that shapes are added to: one layer of stain density (photoelectrons). */
final class Canvas {
	final int width;
	final int height;
	final float[] px;

	Canvas(int width, int height) {
		this.width = width;
		this.height = height;
		this.px = new float[width * height];
	}

	boolean inside(int x, int y) {
		return x >= 0 && y >= 0 && x < width && y < height;
	}

	void add(int x, int y, double v) {
		px[y * width + x] += (float) v;
	}

	float get(int x, int y) {
		return px[y * width + x];
	}

	/** Adds another layer of the same size pixel by pixel. */
	void addAll(Canvas other) {
		for (int i = 0; i < px.length; i++) px[i] += other.px[i];
	}

	/** Bounding box {x, y, w, h} of the pixels above {@code threshold}, grown by {@code pad} and clipped; null when none. */
	int[] boxAbove(double threshold, int pad) {
		int x0 = width, y0 = height, x1 = -1, y1 = -1;
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				if (px[y * width + x] > threshold) {
					if (x < x0) x0 = x;
					if (x > x1) x1 = x;
					if (y < y0) y0 = y;
					if (y > y1) y1 = y;
				}
			}
		}
		if (x1 < 0) return null;
		x0 = Math.max(0, x0 - pad);
		y0 = Math.max(0, y0 - pad);
		x1 = Math.min(width - 1, x1 + pad);
		y1 = Math.min(height - 1, y1 + pad);
		return new int[] {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
	}
}
