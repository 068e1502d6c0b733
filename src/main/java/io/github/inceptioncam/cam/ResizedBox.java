package io.github.inceptioncam.cam;

/**
 * {@link CamBox#box} of a map resized with {@link Bilinear#resize(double[], int, int, int, int)}, found
 * without making the resized map: what lets a box be drawn for every one of 1,000 classes.
 *
 * <p>The resized map is bilinear inside each <em>cell</em>, the block of output pixels that read the same
 * two source columns and the same two source rows. Along an output row a cell's values are linear in the
 * column's interpolation weight, so they are monotone; over the whole cell the extremes lie at its four
 * corner pixels. So the maximum is the largest corner value, a cell whose corners are all at or above the
 * threshold is kept whole, one whose corners are all below is dropped, and only in the cells the threshold
 * crosses is a row's crossing looked for (by bisection). Every value looked at is computed with the same
 * arithmetic as {@code Bilinear.resize}, so the box is the one {@code CamBox.box(Bilinear.resize(...))}
 * gives, up to a value within float rounding of the threshold.
 */
public final class ResizedBox {
	private ResizedBox() {}

	/**
	 * @param src row-major {@code sw x sh} map
	 * @return {@code {x, y, width, height}} in pixels of the {@code dw x dh} resized map, or null when the
	 *     map has no positive value
	 */
	public static int[] box(double[] src, int sw, int sh, int dw, int dh, double fraction) {
		return new Geometry(sw, sh, dw, dh).box(src, fraction);
	}

	/**
	 * The sampling of one resize ({@code sw x sh} to {@code dw x dh}) and its cells, made once and used for
	 * the maps of every class of an image. Not thread-safe (it keeps its working arrays): one per thread.
	 */
	public static final class Geometry {
		final int sw, sh, dw, dh;
		final Bilinear.Axis ax, ay;
		final int[] xs, ys;
		final boolean[] usedRows;
		private final CamBox.Runs runs = new CamBox.Runs(4096);
		private double[][] top, bottom;
		private final double[] rows;

		public Geometry(int sw, int sh, int dw, int dh) {
			if (sw <= 0 || sh <= 0 || dw <= 0 || dh <= 0) {
				throw new IllegalArgumentException("cannot resize " + sw + "x" + sh + " to " + dw + "x" + dh);
			}
			this.sw = sw;
			this.sh = sh;
			this.dw = dw;
			this.dh = dh;
			ax = new Bilinear.Axis(sw, dw);
			ay = new Bilinear.Axis(sh, dh);
			xs = cells(ax);
			ys = cells(ay);
			usedRows = ay.used(sh);
			rows = new double[sh * dw];
		}

		/** {@link ResizedBox#box} of a {@code sw x sh} map. */
		public int[] box(double[] src, double fraction) {
			if (src.length != sw * sh) throw new IllegalArgumentException("map size does not match " + sw + "x" + sh);
			runs.clear();
			int nx = xs.length - 1, ny = ys.length - 1;
			if (top == null) {
				top = new double[ny][2 * nx];
				bottom = new double[ny][2 * nx];
			}
			return ResizedBox.box(new Resized(src, this, rows), xs, ys, fraction, runs, top, bottom);
		}
	}

	/**
	 * @param top,bottom {@code ny x 2nx} for the corner values of every cell: the cell rows' first and last
	 *     output rows by the cell columns' first and last output columns
	 */
	private static int[] box(Resized m, int[] xs, int[] ys, double fraction, CamBox.Runs runs, double[][] top, double[][] bottom) {
		int nx = xs.length - 1, ny = ys.length - 1;
		double max = 0;
		for (int j = 0; j < ny; j++) {
			for (int i = 0; i < nx; i++) {
				int xa = xs[i], xb = xs[i + 1] - 1, ya = ys[j], yb = ys[j + 1] - 1;
				double a = m.at(xa, ya), b = m.at(xb, ya), c = m.at(xa, yb), d = m.at(xb, yb);
				top[j][2 * i] = a;
				top[j][2 * i + 1] = b;
				bottom[j][2 * i] = c;
				bottom[j][2 * i + 1] = d;
				if (a > max) max = a;
				if (b > max) max = b;
				if (c > max) max = c;
				if (d > max) max = d;
			}
		}
		if (!(max > 0) || Double.isInfinite(max)) return null;
		double thr = fraction * max;
		byte[] kind = new byte[nx]; // per cell of the current band: 1 all kept, 0 none, 2 crossed
		for (int j = 0; j < ny; j++) {
			for (int i = 0; i < nx; i++) {
				int above = 0;
				for (int q = 0; q < 2; q++) {
					if (top[j][2 * i + q] >= thr) above++;
					if (bottom[j][2 * i + q] >= thr) above++;
				}
				kind[i] = (byte) (above == 4 ? 1 : above == 0 ? 0 : 2);
			}
			for (int y = ys[j]; y < ys[j + 1]; y++) {
				runs.startRow(y);
				for (int i = 0; i < nx; i++) {
					int xa = xs[i], xb = xs[i + 1] - 1;
					if (kind[i] == 1) {
						runs.add(xa, xb);
					} else if (kind[i] == 2) {
						addCrossing(runs, m, y, xa, xb, thr);
					}
				}
				runs.endRow();
			}
		}
		return runs.largestBox();
	}

	/**
	 * The kept part of columns {@code xa..xb} of row y, where the values are monotone. The crossing is first
	 * guessed on the straight line between the two ends, then settled by stepping with the exact values:
	 * usually one or two of them.
	 */
	private static void addCrossing(CamBox.Runs runs, Resized m, int y, int xa, int xb, double thr) {
		double va = m.at(xa, y), vb = m.at(xb, y);
		boolean ka = va >= thr, kb = vb >= thr;
		if (ka && kb) {
			runs.add(xa, xb);
			return;
		}
		if (!ka && !kb) return;
		// the values are linear in the column's weight (not in x: the first cell's weights stay 0 over the
		// columns clamped to the border): the last column whose weight is below the crossing's
		float[] frac = m.ax.frac;
		double fa = frac[xa], target = fa + (thr - va) / (vb - va) * (frac[xb] - fa);
		// column x samples the source at (x + 0.5) * in/out - 0.5 = lo + weight: start at the column that
		// samples lo + target, then walk to the last column whose weight is at most the target (a step or so)
		int g = (int) Math.floor((m.ax.lo[xa] + target + 0.5) / m.step - 0.5);
		if (!(g >= xa)) g = xa; // also NaN
		if (g > xb - 1) g = xb - 1;
		while (g > xa && frac[g] > target) g--;
		while (g + 1 < xb && frac[g + 1] <= target) g++;
		if (ka) { // falling: kept from xa to the last kept column, which is in xa..xb-1
			while (g > xa && !(m.at(g, y) >= thr)) g--;
			while (g + 1 < xb && m.at(g + 1, y) >= thr) g++;
			runs.add(xa, g);
		} else { // rising: kept from the first kept column, in xa+1..xb, to xb
			int f = g + 1;
			while (f < xb && !(m.at(f, y) >= thr)) f++;
			while (f - 1 > xa && m.at(f - 1, y) >= thr) f--;
			runs.add(f, xb);
		}
	}

	/** Start of every run of output positions that read the same two source lines, then {@code out}. */
	static int[] cells(Bilinear.Axis a) {
		int out = a.lo.length;
		int[] starts = new int[out + 1];
		int n = 0;
		for (int i = 0; i < out; i++) {
			if (i == 0 || a.lo[i] != a.lo[i - 1] || a.hi[i] != a.hi[i - 1]) starts[n++] = i;
		}
		starts[n++] = out;
		return java.util.Arrays.copyOf(starts, n);
	}

	/**
	 * Values of the resized map at single pixels, with the arithmetic of {@code Bilinear.resize}: the
	 * horizontal pass over every source row once per map (a few thousand values), then the blend of two of
	 * its rows where a pixel is asked for.
	 */
	private static final class Resized {
		final Bilinear.Axis ax, ay;
		final double[] rows;
		final int dw;
		/** How much a column's interpolation weight grows from one output column to the next. */
		final double step;

		Resized(double[] src, Geometry g, double[] rows) {
			this.ax = g.ax;
			this.ay = g.ay;
			this.dw = g.dw;
			this.rows = Bilinear.horizontal(src, g.sw, g.sh, g.dw, g.ax, g.usedRows, rows);
			this.step = (double) g.sw / g.dw;
		}

		double at(int x, int y) {
			double fy = ay.frac[y], gy = 1 - fy;
			return rows[ay.lo[y] * dw + x] * gy + rows[ay.hi[y] * dw + x] * fy;
		}
	}
}
