package io.github.inceptioncam.cam;

import java.util.Locale;

/**
 * Where the windows of a sliding-window run lie on an image: windows of the tile size, placed every
 * {@code stride} pixels from the top left, the last row and column placed flush with the image's right
 * and bottom edges so that every pixel is covered. Windows are numbered row by row ({@code index = row
 * * cols + col}). An immutable value; no pixels.
 */
public final class TileGrid {
	private final int imageWidth;
	private final int imageHeight;
	private final int tileWidth;
	private final int tileHeight;
	private final int strideX;
	private final int strideY;
	private final int[] xs;
	private final int[] ys;

	private TileGrid(int imageWidth, int imageHeight, int tileWidth, int tileHeight, int strideX, int strideY) {
		this.imageWidth = imageWidth;
		this.imageHeight = imageHeight;
		this.tileWidth = tileWidth;
		this.tileHeight = tileHeight;
		this.strideX = strideX;
		this.strideY = strideY;
		this.xs = positions(imageWidth, tileWidth, strideX);
		this.ys = positions(imageHeight, tileHeight, strideY);
	}

	/**
	 * The grid of {@code tileWidth x tileHeight} windows over an image, every {@code stride} pixels in both
	 * directions; {@code stride} 0 means half a tile (in each direction).
	 *
	 * @throws IllegalArgumentException with a one-line reason when the image is smaller than a tile or the
	 *         stride is not between 1 and the tile size
	 */
	public static TileGrid of(int imageWidth, int imageHeight, int tileWidth, int tileHeight, int stride) {
		if (tileWidth < 1 || tileHeight < 1) throw new IllegalArgumentException("the tile size must be positive, not " + tileWidth + "x" + tileHeight);
		if (imageWidth < tileWidth || imageHeight < tileHeight) {
			throw new IllegalArgumentException(String.format(Locale.ROOT,
				"the image (%dx%d) is smaller than one tile (the model input, %dx%d): classify it without tiles",
				imageWidth, imageHeight, tileWidth, tileHeight));
		}
		int sx = stride == 0 ? Math.max(1, tileWidth / 2) : stride, sy = stride == 0 ? Math.max(1, tileHeight / 2) : stride;
		if (stride < 0 || sx > tileWidth || sy > tileHeight) {
			throw new IllegalArgumentException(String.format(Locale.ROOT,
				"the stride must be between 1 and the tile size (%dx%d) so that windows leave no gap, not %d", tileWidth, tileHeight, stride));
		}
		return new TileGrid(imageWidth, imageHeight, tileWidth, tileHeight, sx, sy);
	}

	/** Window origins along one axis: every {@code stride}, the last one flush with the far edge. */
	static int[] positions(int size, int tile, int stride) {
		int span = size - tile;
		int n = (span + stride - 1) / stride + 1;
		int[] p = new int[n];
		for (int i = 0; i < n; i++) p[i] = Math.min(i * stride, span);
		return p;
	}

	public int imageWidth() {
		return imageWidth;
	}

	public int imageHeight() {
		return imageHeight;
	}

	public int tileWidth() {
		return tileWidth;
	}

	public int tileHeight() {
		return tileHeight;
	}

	public int strideX() {
		return strideX;
	}

	public int strideY() {
		return strideY;
	}

	public int cols() {
		return xs.length;
	}

	public int rows() {
		return ys.length;
	}

	/** Number of windows. */
	public int count() {
		return xs.length * ys.length;
	}

	/** Left edge of the windows of column {@code col}. */
	public int x(int col) {
		return xs[col];
	}

	/** Top edge of the windows of row {@code row}. */
	public int y(int row) {
		return ys[row];
	}

	/** Window {@code index} (row by row) as {@code {x, y, w, h}}. */
	public int[] window(int index) {
		return new int[] {xs[index % xs.length], ys[index / xs.length], tileWidth, tileHeight};
	}

	/**
	 * The part of the image that window {@code index} stands for in a map at window resolution, as
	 * {@code {x, y, w, h}}: the pixels nearer its centre than any other window's (along each axis). The
	 * cells of all windows tile the image exactly.
	 */
	public int[] cell(int index) {
		int c = index % xs.length, r = index / xs.length;
		int x0 = edge(xs, tileWidth, c), x1 = edge(xs, tileWidth, c + 1), y0 = edge(ys, tileHeight, r), y1 = edge(ys, tileHeight, r + 1);
		if (c == xs.length - 1) x1 = imageWidth;
		if (r == ys.length - 1) y1 = imageHeight;
		return new int[] {x0, y0, x1 - x0, y1 - y0};
	}

	/** Boundary between window i-1 and window i along an axis: midway between their centres (0 for the first). */
	private static int edge(int[] p, int tile, int i) {
		if (i == 0) return 0;
		if (i >= p.length) return p[p.length - 1] + tile;
		return (p[i - 1] + p[i] + tile) / 2;
	}

	/** How many windows cover each pixel along x (index: pixel column). */
	int[] coverX(int scale, int mapWidth) {
		return cover(xs, tileWidth, scale, mapWidth, imageWidth);
	}

	int[] coverY(int scale, int mapHeight) {
		return cover(ys, tileHeight, scale, mapHeight, imageHeight);
	}

	/** For each map pixel (its centre's image pixel), the number of windows that contain it. */
	private static int[] cover(int[] p, int tile, int scale, int mapSize, int size) {
		int[] n = new int[mapSize];
		for (int m = 0; m < mapSize; m++) {
			int px = imagePixel(m, scale, size);
			for (int q : p) if (px >= q && px < q + tile) n[m]++;
		}
		return n;
	}

	/** The image pixel holding the centre of map pixel {@code m} at {@code scale} image pixels per map pixel. */
	static int imagePixel(int m, int scale, int size) {
		return Math.min(size - 1, (int) Math.floor((m + 0.5) * scale));
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%dx%d windows of %dx%d every %d,%d px over %dx%d", cols(), rows(), tileWidth, tileHeight,
			strideX, strideY, imageWidth, imageHeight);
	}
}
