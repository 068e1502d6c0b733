package io.github.inceptioncam.cam;

import java.util.Arrays;

/**
 * Collects the results of the windows of a {@link TileGrid}: each window's class probabilities (a map at
 * window resolution, one plane per class, and the top-1 class with its probability), and each window's
 * class map blended into one map over the whole image, where overlapping windows average (every window
 * weighs the same).
 *
 * <p>Memory is bounded: the blended map is at full image resolution up to {@link #MAX_MAP_PIXELS}
 * pixels and otherwise at a reduced resolution, {@link #mapScale()} image pixels per map pixel in each
 * direction (20,000 x 20,000 gives a 4,000 x 4,000 map at scale 5): one float per map pixel. Not
 * thread-safe.
 */
public final class TileAssembly {
	/** The largest blended map kept, in pixels (64 MB of floats). */
	public static final long MAX_MAP_PIXELS = 4096L * 4096L;

	private final TileGrid grid;
	private final int classes;
	private final int[] top;
	private final float[] topProbability;
	private final float[][] probability;
	private final boolean[] done;
	private final int scale;
	private final int mapWidth;
	private final int mapHeight;
	private float[] sum;
	private int[] coverX;
	private int[] coverY;
	private int windows;
	private int mapped;

	public TileAssembly(TileGrid grid, int classes) {
		this(grid, classes, MAX_MAP_PIXELS);
	}

	/** As {@link #TileAssembly(TileGrid, int)} with another limit on the blended map's pixels. */
	public TileAssembly(TileGrid grid, int classes, long maxMapPixels) {
		if (classes < 1) throw new IllegalArgumentException("a model with no classes");
		this.grid = grid;
		this.classes = classes;
		int n = grid.count();
		this.top = new int[n];
		Arrays.fill(top, -1);
		this.topProbability = new float[n];
		Arrays.fill(topProbability, Float.NaN);
		this.probability = new float[classes][n];
		for (float[] p : probability) Arrays.fill(p, Float.NaN);
		this.done = new boolean[n];
		this.scale = mapScale(grid.imageWidth(), grid.imageHeight(), maxMapPixels);
		this.mapWidth = ceilDiv(grid.imageWidth(), scale);
		this.mapHeight = ceilDiv(grid.imageHeight(), scale);
	}

	/** The smallest whole number of image pixels per map pixel that keeps the map within {@code maxPixels}. */
	public static int mapScale(int width, int height, long maxPixels) {
		int s = 1;
		while ((long) ceilDiv(width, s) * ceilDiv(height, s) > maxPixels) s++;
		return s;
	}

	private static int ceilDiv(int a, int b) {
		return (a + b - 1) / b;
	}

	/** Records window {@code index}'s class probabilities (one per class). */
	public void addProbabilities(int index, double[] probs) {
		if (probs.length != classes) throw new IllegalArgumentException(probs.length + " probabilities for " + classes + " classes");
		int best = 0;
		for (int c = 0; c < classes; c++) {
			probability[c][index] = (float) probs[c];
			if (probs[c] > probs[best]) best = c;
		}
		top[index] = best;
		topProbability[index] = (float) probs[best];
		if (!done[index]) windows++;
		done[index] = true;
	}

	/**
	 * Adds window {@code index}'s raw class map ({@code fw x fh}, row-major, at feature resolution) to the
	 * blended map: resampled over the window as the single-image CAM is (bilinear, align-corners=false),
	 * at the map's resolution.
	 */
	public void addMap(int index, double[] raw, int fw, int fh) {
		if (raw.length != fw * fh) throw new IllegalArgumentException("a map of " + raw.length + " values is not " + fw + "x" + fh);
		if (sum == null) {
			sum = new float[mapWidth * mapHeight];
			coverX = grid.coverX(scale, mapWidth);
			coverY = grid.coverY(scale, mapHeight);
		}
		int[] w = grid.window(index);
		int iw = grid.imageWidth(), ih = grid.imageHeight();
		int mx0 = Math.max(0, w[0] / scale - 1), mx1 = Math.min(mapWidth, (w[0] + w[2]) / scale + 2);
		int my0 = Math.max(0, w[1] / scale - 1), my1 = Math.min(mapHeight, (w[1] + w[3]) / scale + 2);
		// per map column: the two feature columns and the weight of the second, or -1 when outside the window
		int[] lo = new int[mx1 - mx0], hi = new int[lo.length];
		double[] fr = new double[lo.length];
		for (int mx = mx0; mx < mx1; mx++) {
			int k = mx - mx0, px = TileGrid.imagePixel(mx, scale, iw);
			if (px < w[0] || px >= w[0] + w[2]) {
				lo[k] = -1;
				continue;
			}
			double s = sample((mx + 0.5) * scale - 0.5 - w[0], w[2], fw);
			lo[k] = (int) Math.floor(s);
			hi[k] = Math.min(lo[k] + 1, fw - 1);
			fr[k] = s - lo[k];
		}
		for (int my = my0; my < my1; my++) {
			int py = TileGrid.imagePixel(my, scale, ih);
			if (py < w[1] || py >= w[1] + w[3]) continue;
			double s = sample((my + 0.5) * scale - 0.5 - w[1], w[3], fh);
			int y0 = (int) Math.floor(s), y1 = Math.min(y0 + 1, fh - 1);
			double fy = s - y0;
			int row = my * mapWidth;
			for (int mx = mx0; mx < mx1; mx++) {
				int k = mx - mx0;
				if (lo[k] < 0) continue;
				double top = raw[y0 * fw + lo[k]] + (raw[y0 * fw + hi[k]] - raw[y0 * fw + lo[k]]) * fr[k];
				double bottom = raw[y1 * fw + lo[k]] + (raw[y1 * fw + hi[k]] - raw[y1 * fw + lo[k]]) * fr[k];
				sum[row + mx] += (float) (top + (bottom - top) * fy);
			}
		}
		mapped++;
	}

	/**
	 * Feature coordinate sampled for window-local position {@code u} (in pixels, continuous) of a window
	 * {@code size} pixels long over {@code features} feature cells: {@code (u + 0.5) * features / size - 0.5},
	 * clamped to the map.
	 */
	static double sample(double u, int size, int features) {
		double s = (u + 0.5) * features / size - 0.5;
		return Math.max(0, Math.min(features - 1, s));
	}

	public TileGrid grid() {
		return grid;
	}

	public int classes() {
		return classes;
	}

	/** Windows whose probabilities were recorded. */
	public int windows() {
		return windows;
	}

	/** Windows whose class map was blended in. */
	public int mappedWindows() {
		return mapped;
	}

	/** Top-1 class of window {@code index}, or -1 when it was not classified (a cancelled run). */
	public int top(int index) {
		return top[index];
	}

	/** Top-1 probability of window {@code index}, NaN when it was not classified. */
	public double topProbability(int index) {
		return topProbability[index];
	}

	/** Probability of class {@code c} in window {@code index}, NaN when it was not classified. */
	public double probability(int c, int index) {
		return probability[c][index];
	}

	/** Plane of class {@code c}'s probabilities at window resolution (row-major, cols x rows); a copy. */
	public float[] probabilityPlane(int c) {
		return probability[c].clone();
	}

	/** Mean probability of each class over the classified windows (NaN when there are none). */
	public double[] meanProbabilities() {
		double[] m = new double[classes];
		for (int c = 0; c < classes; c++) {
			double s = 0;
			for (int i = 0; i < done.length; i++) if (done[i]) s += probability[c][i];
			m[c] = windows == 0 ? Double.NaN : s / windows;
		}
		return m;
	}

	/** Image pixels per blended-map pixel in each direction (1: full resolution). */
	public int mapScale() {
		return scale;
	}

	public int mapWidth() {
		return mapWidth;
	}

	public int mapHeight() {
		return mapHeight;
	}

	/**
	 * The blended map ({@link #mapWidth()} x {@link #mapHeight()}, row-major): at each pixel the mean of the
	 * maps of the windows containing it; null when no window gave a map. Each call divides into a new
	 * array, so a cancelled run's partial map averages over all windows that would have covered it.
	 */
	public float[] blendedMap() {
		if (sum == null) return null;
		float[] out = new float[sum.length];
		for (int my = 0; my < mapHeight; my++) {
			for (int mx = 0; mx < mapWidth; mx++) {
				int n = coverX[mx] * coverY[my];
				out[my * mapWidth + mx] = n == 0 ? Float.NaN : sum[my * mapWidth + mx] / n;
			}
		}
		return out;
	}
}
