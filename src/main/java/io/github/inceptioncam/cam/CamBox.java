package io.github.inceptioncam.cam;

/**
 * The localisation box of Zhou et al. 2016: keep the pixels at or above a fraction (20 %) of the
 * map's maximum and return the bounding box of the largest 8-connected component.
 *
 * <p>Components are found with a run-length union-find: each row's runs of kept pixels are joined to
 * the runs of the row above that touch them (overlapping or diagonally adjacent). The largest
 * component by pixel count wins; on a tie, the one whose first pixel comes first in row-major order.
 */
public final class CamBox {
	public static final double DEFAULT_FRACTION = 0.2;

	private CamBox() {}

	/**
	 * @return {@code {x, y, width, height}} in pixels of the map, or null when the map has no
	 *     positive value
	 */
	public static int[] box(double[] map, int width, int height, double fraction) {
		if (map.length != width * height) throw new IllegalArgumentException("map size does not match " + width + "x" + height);
		double max = 0;
		for (double v : map) if (v > max) max = v;
		if (!(max > 0) || Double.isInfinite(max)) return null;
		double thr = fraction * max;
		Runs runs = new Runs(Math.max(16, height * 4));
		for (int y = 0, base = 0; y < height; y++, base += width) {
			runs.startRow(y);
			int x = 0;
			while (x < width) {
				while (x < width && !(map[base + x] >= thr)) x++;
				if (x == width) break;
				int x0 = x;
				while (x < width && map[base + x] >= thr) x++;
				runs.add(x0, x - 1);
			}
			runs.endRow();
		}
		return runs.largestBox();
	}

	/**
	 * Runs of kept pixels, numbered in row-major order, with a union-find over them. Rows are given in
	 * order ({@link #startRow}, the row's runs from left to right with {@link #add}, {@link #endRow}); each
	 * finished row is joined to the runs of the row above that touch it (overlapping or diagonally adjacent).
	 */
	static final class Runs {
		int n;
		int[] x0, x1, y, parent;
		private int row, rowStart, prevStart, prevEnd;
		/** Per-component scratch of {@link #largestBox}, kept between uses. */
		private long[] count = new long[0];
		private int[] minX = new int[0], maxX = new int[0], maxY = new int[0];

		Runs(int capacity) {
			x0 = new int[capacity];
			x1 = new int[capacity];
			y = new int[capacity];
			parent = new int[capacity];
		}

		/** Empties the runs for another map, keeping the arrays. */
		void clear() {
			n = 0;
			row = rowStart = prevStart = prevEnd = 0;
		}

		void startRow(int r) {
			row = r;
			rowStart = n;
		}

		/** A run of kept pixels {@code a..b} (inclusive) of the current row, left of any run added after it. */
		void add(int a, int b) {
			if (n > rowStart && a <= x1[n - 1] + 1) { // touches the previous run of this row: one run
				x1[n - 1] = b;
				return;
			}
			if (n == x0.length) {
				int c = n * 2;
				x0 = java.util.Arrays.copyOf(x0, c);
				x1 = java.util.Arrays.copyOf(x1, c);
				y = java.util.Arrays.copyOf(y, c);
				parent = java.util.Arrays.copyOf(parent, c);
			}
			x0[n] = a;
			x1[n] = b;
			y[n] = row;
			parent[n] = n;
			n++;
		}

		/** Joins the current row's runs with the runs of the row above that touch {@code [x0 - 1, x1 + 1]}. */
		void endRow() {
			int p = prevStart;
			for (int r = rowStart; r < n; r++) {
				int lo = x0[r] - 1, hi = x1[r] + 1;
				while (p < prevEnd && x1[p] < lo) p++;
				for (int q = p; q < prevEnd && x0[q] <= hi; q++) union(q, r);
			}
			prevStart = rowStart;
			prevEnd = n;
		}

		int find(int i) {
			while (parent[i] != i) {
				parent[i] = parent[parent[i]];
				i = parent[i];
			}
			return i;
		}

		/** Joins two components; the root is always the smaller run index (the earlier first pixel). */
		void union(int a, int b) {
			int ra = find(a), rb = find(b);
			if (ra < rb) parent[rb] = ra;
			else if (rb < ra) parent[ra] = rb;
		}

		int[] largestBox() {
			if (n == 0) return null;
			if (count.length < n) {
				int c = Math.max(n, x0.length);
				count = new long[c];
				minX = new int[c];
				maxX = new int[c];
				maxY = new int[c];
			}
			java.util.Arrays.fill(count, 0, n, 0L);
			for (int r = 0; r < n; r++) {
				int root = find(r);
				if (root == r) {
					minX[r] = x0[r];
					maxX[r] = x1[r];
					maxY[r] = y[r];
				} else {
					// a root has a smaller index than its members, so it was initialised above
					if (x0[r] < minX[root]) minX[root] = x0[r];
					if (x1[r] > maxX[root]) maxX[root] = x1[r];
					if (y[r] > maxY[root]) maxY[root] = y[r];
				}
				count[root] += x1[r] - x0[r] + 1;
			}
			int best = -1;
			for (int r = 0; r < n; r++) {
				if (parent[r] == r && (best < 0 || count[r] > count[best])) best = r;
			}
			// a root is its component's first run, so its row is the component's top
			return new int[] {minX[best], y[best], maxX[best] - minX[best] + 1, maxY[best] - y[best] + 1};
		}
	}
}
