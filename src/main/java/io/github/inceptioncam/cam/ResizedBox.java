package io.github.inceptioncam.cam;

import java.util.Arrays;

/**
 * {@link CamBox#box} of a map resized with {@link Bilinear#resize(double[], int, int, int, int)}, found
 * without making the resized map, and row by row only where two components are close in size: what lets a box
 * be drawn for every one of 1,000 classes for a small part of one inference.
 *
 * <p>The resized map is bilinear inside each <em>cell</em>, the block of output pixels that read the same
 * two source columns and the same two source rows; a <em>band</em> is a row of cells. Over a cell the
 * extremes lie at its four corner pixels, so a cell whose corners are all at or above the threshold is kept
 * whole and one whose corners are all below is dropped. In a cell the threshold crosses, each output row is
 * monotone (linear in the column's interpolation weight), so its kept part is empty, whole, a prefix or a
 * suffix of the cell's columns: the row's <em>kind</em>. Whether the cell's first (last) column is kept is
 * linear in the row's weight, so it changes at most once down the band (where the straight line between the
 * column's two ends crosses the threshold, settled with the exact values): a cell splits into at most three
 * <em>segments</em> of rows of one kind.
 *
 * <p>The kept pixels of a segment are connected (consecutive rows share the cell's first or last column).
 * Two segments of neighbouring cells whose rows overlap or follow each other touch exactly when the left one
 * reaches its last column and the right one its first; two segments of one cell column that follow each
 * other touch unless one is a prefix and the other a suffix, where their crossings are compared. So the
 * components come from a union-find over a few segments per cell. Their pixel counts are bounded from the
 * kinds, then from the crossings of each segment's first and last row (a crossing moves monotonically down a
 * segment), and counted row by row only for components the bounds cannot separate. The winner's box comes
 * from its segments' first and last rows.
 *
 * <p>Every value looked at is computed with the arithmetic of {@code Bilinear.resize}, so the box is the one
 * {@code CamBox.box(Bilinear.resize(...))} gives, up to a value within float rounding of the threshold (where
 * the monotonicity the search relies on can be off by a rounding step).
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

	/** Kinds of a cell in its rows: nothing kept, all kept, the columns up to a crossing, from one on. */
	static final byte NONE = 0, FULL = 1, PREFIX = 2, SUFFIX = 3;

	/**
	 * The sampling of one resize ({@code sw x sh} to {@code dw x dh}) and its cells, made once and used for
	 * the maps of every class of an image. Not thread-safe (it keeps its working arrays): one per thread.
	 */
	public static final class Geometry {
		final int sw, sh, dw, dh;
		final Bilinear.Axis ax, ay;
		/** Start of every cell column (row), then the width (height). */
		final int[] xs, ys;
		final int nx, ny;
		/** Output columns (rows) per source column (row): how the guesses turn a weight into a position. */
		private final double columnsPerSource, rowsPerSource;

		// per map
		private double[] src;
		private double thr;
		private final double[] corners;
		/** Each source row resampled at the cells' first and last columns ({@code sh x 2nx}). */
		private final double[] edges;
		/** Per cell: its first segment and how many it has (0 to 3), top to bottom. */
		private final int[] first, count;
		private final Segments seg = new Segments();

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
			nx = xs.length - 1;
			ny = ys.length - 1;
			columnsPerSource = (double) dw / sw;
			rowsPerSource = (double) dh / sh;
			corners = new double[4 * nx * ny];
			edges = new double[sh * 2 * nx];
			first = new int[nx * ny];
			count = new int[nx * ny];
		}

		/** {@link ResizedBox#box} of a {@code sw x sh} map. */
		public int[] box(double[] map, double fraction) {
			if (map.length != sw * sh) throw new IllegalArgumentException("map size does not match " + sw + "x" + sh);
			this.src = map;
			try {
				double max = corners();
				if (!(max > 0) || Double.isInfinite(max)) return null;
				thr = fraction * max;
				seg.clear();
				for (int j = 0; j < ny; j++) {
					for (int i = 0; i < nx; i++) segments(j, i);
				}
				for (int j = 0; j < ny; j++) join(j);
				return seg.largestBox(this);
			} finally {
				this.src = null;
			}
		}

		/** The value of the resized map at one pixel, with {@code Bilinear.resize}'s arithmetic. */
		double at(int x, int y) {
			int lx = ax.lo[x], hx = ax.hi[x], r0 = ay.lo[y] * sw, r1 = ay.hi[y] * sw;
			double fx = ax.frac[x], fy = ay.frac[y], gx = 1 - fx, gy = 1 - fy;
			double top = src[r0 + lx] * gx + src[r0 + hx] * fx;
			double bottom = src[r1 + lx] * gx + src[r1 + hx] * fx;
			return top * gy + bottom * fy;
		}

		private boolean kept(int x, int y) {
			return at(x, y) >= thr;
		}

		/**
		 * The four corner values of every cell; returns their maximum, the map's. The source rows are first
		 * resampled at the cells' first and last columns only, then blended as {@link #at} blends them.
		 */
		private double corners() {
			for (int r = 0; r < sh; r++) {
				int s0 = r * sw, o = r * 2 * nx;
				for (int q = 0; q < 2 * nx; q++) {
					int x = q % 2 == 0 ? xs[q / 2] : xs[q / 2 + 1] - 1;
					double fx = ax.frac[x];
					edges[o + q] = src[s0 + ax.lo[x]] * (1 - fx) + src[s0 + ax.hi[x]] * fx;
				}
			}
			double max = 0;
			for (int j = 0, k = 0; j < ny; j++) {
				int ya = ys[j], yb = ys[j + 1] - 1;
				int t0 = ay.lo[ya] * 2 * nx, b0 = ay.hi[ya] * 2 * nx, t1 = ay.lo[yb] * 2 * nx, b1 = ay.hi[yb] * 2 * nx;
				double f0 = ay.frac[ya], f1 = ay.frac[yb], g0 = 1 - f0, g1 = 1 - f1;
				for (int i = 0, q = 0; i < nx; i++, k += 4, q += 2) {
					double a = edges[t0 + q] * g0 + edges[b0 + q] * f0, b = edges[t0 + q + 1] * g0 + edges[b0 + q + 1] * f0;
					double c = edges[t1 + q] * g1 + edges[b1 + q] * f1, d = edges[t1 + q + 1] * g1 + edges[b1 + q + 1] * f1;
					corners[k] = a;
					corners[k + 1] = b;
					corners[k + 2] = c;
					corners[k + 3] = d;
					if (a > max) max = a;
					if (b > max) max = b;
					if (c > max) max = c;
					if (d > max) max = d;
				}
			}
			return max;
		}

		/** The segments of cell (i, j): rows of one kind, found from where its first and last column change side. */
		private void segments(int j, int i) {
			int c = j * nx + i, k = 4 * c, ya = ys[j], yb = ys[j + 1] - 1;
			boolean a0 = corners[k] >= thr, b0 = corners[k + 1] >= thr, a1 = corners[k + 2] >= thr, b1 = corners[k + 3] >= thr;
			first[c] = seg.n;
			if (a0 && b0 && a1 && b1) {
				seg.add(ya, yb, i, FULL);
			} else if (a0 || b0 || a1 || b1) {
				int ca = change(xs[i], 2 * i, ya, yb, a0, a1), cb = change(xs[i + 1] - 1, 2 * i + 1, ya, yb, b0, b1);
				int lo = Math.min(ca, cb), hi = Math.max(ca, cb);
				piece(ya, lo - 1, i, a0, b0);
				if (hi > lo) piece(lo, hi - 1, i, lo == ca ? a1 : a0, lo == cb ? b1 : b0); // one column has changed
				piece(hi, yb, i, a1, b1); // both have (empty when one never does)
			}
			count[c] = seg.n - first[c];
		}

		private void piece(int y0, int y1, int cell, boolean a, boolean b) {
			if (y1 < y0 || !(a || b)) return;
			seg.add(y0, y1, cell, a ? (b ? FULL : PREFIX) : SUFFIX);
		}

		/**
		 * The first row of {@code ya..yb} where column x (edge column q) is on the other side of the threshold than at ya
		 * ({@code yb + 1} when it is not). The column's values are linear in the row's weight, so it changes
		 * side at most once: where the straight line between its two ends crosses the threshold, settled with
		 * the exact values in a step or so.
		 */
		private int change(int x, int q, int ya, int yb, boolean top, boolean bottom) {
			if (top == bottom) return yb + 1;
			double t = edges[ay.lo[ya] * 2 * nx + q], b = edges[ay.hi[ya] * 2 * nx + q];
			double w = (thr - t) / (b - t); // the row weight where the line crosses
			// row y samples the source at (y + 0.5) * in/out - 0.5 = lo + weight
			double at = (ay.lo[ya] + w + 0.5) * rowsPerSource - 0.5;
			int y = at >= yb ? yb : at > ya + 1 ? (int) Math.ceil(at) : ya + 1; // also NaN
			while (y > ya + 1 && kept(x, y - 1) == bottom) y--;
			while (y < yb && kept(x, y) != bottom) y++;
			return y;
		}

		/** Joins the segments of band j that touch: within each cell, with the next cell, with the band below. */
		private void join(int j) {
			int base = j * nx;
			for (int i = 0; i < nx; i++) {
				int c = base + i, f = first[c], e = f + count[c];
				for (int s = f; s + 1 < e; s++) {
					if (seg.y1[s] + 1 == seg.y0[s + 1]) vertical(s, s + 1);
				}
				if (i + 1 < nx) {
					int g = first[c + 1], h = g + count[c + 1];
					for (int s = f; s < e; s++) {
						if (!reachesEnd(seg.kind[s])) continue;
						for (int t = g; t < h; t++) {
							if (reachesStart(seg.kind[t]) && seg.y0[t] <= seg.y1[s] + 1 && seg.y0[s] <= seg.y1[t] + 1) seg.union(s, t);
						}
					}
				}
				if (j + 1 < ny) { // the band's last row against the next band's first
					int yb = ys[j + 1] - 1, up = e - 1;
					if (up < f || seg.y1[up] != yb) continue;
					int down = below(c + nx, yb + 1);
					if (down >= 0) vertical(up, down);
					if (reachesEnd(seg.kind[up]) && i + 1 < nx) {
						int d = below(c + nx + 1, yb + 1);
						if (d >= 0 && reachesStart(seg.kind[d])) seg.union(up, d);
					}
					if (reachesStart(seg.kind[up]) && i > 0) {
						int d = below(c + nx - 1, yb + 1);
						if (d >= 0 && reachesEnd(seg.kind[d])) seg.union(up, d);
					}
				}
			}
		}

		/** The segment of cell c that starts at row y (its band's first), or -1. */
		private int below(int c, int y) {
			return count[c] > 0 && seg.y0[first[c]] == y ? first[c] : -1;
		}

		/** Segments s (above) and t (below, from the next row on) of one cell column. */
		private void vertical(int s, int t) {
			byte u = seg.kind[s], d = seg.kind[t];
			boolean touch = true; // unless a prefix meets a suffix, they share the cell's first or last column
			if ((u == PREFIX && d == SUFFIX) || (u == SUFFIX && d == PREFIX)) {
				int i = seg.cell[s], y = seg.y0[t];
				int pre = u == PREFIX ? lastKept(i, y - 1) : lastKept(i, y);
				int suf = u == SUFFIX ? firstKept(i, y - 1) : firstKept(i, y);
				touch = suf <= pre + 1;
			}
			if (touch) seg.union(s, t);
		}

		/** The last kept column of cell i's row y, whose kind is {@link #PREFIX}. */
		int lastKept(int i, int y) {
			int xa = xs[i], xb = xs[i + 1] - 1;
			int g = guess(xa, xb, y);
			while (g > xa && !kept(g, y)) g--;
			while (g + 1 < xb && kept(g + 1, y)) g++;
			return g;
		}

		/** The first kept column of cell i's row y, whose kind is {@link #SUFFIX}. */
		int firstKept(int i, int y) {
			int xa = xs[i], xb = xs[i + 1] - 1;
			int f = guess(xa, xb, y) + 1;
			while (f < xb && !kept(f, y)) f++;
			while (f - 1 > xa && kept(f - 1, y)) f--;
			return f;
		}

		/**
		 * The last column of {@code xa..xb-1} whose interpolation weight is at most the crossing's on the
		 * straight line between the row's two ends (the values are linear in the weight, not in x: the first
		 * cell's weights stay 0 over the columns clamped to the border); the exact values then settle it in a
		 * step or so.
		 */
		private int guess(int xa, int xb, int y) {
			double va = at(xa, y), vb = at(xb, y);
			float[] frac = ax.frac;
			double fa = frac[xa], target = fa + (thr - va) / (vb - va) * (frac[xb] - fa);
			// column x samples the source at (x + 0.5) * in/out - 0.5 = lo + weight
			int g = (int) Math.floor((ax.lo[xa] + target + 0.5) * columnsPerSource - 0.5);
			if (!(g >= xa)) g = xa; // also NaN
			if (g > xb - 1) g = xb - 1;
			while (g > xa && frac[g] > target) g--;
			while (g + 1 < xb && frac[g + 1] <= target) g++;
			return g;
		}

		/** The first kept column of segment s in row y. */
		int keptFrom(int s, int y) {
			return seg.kind[s] == SUFFIX ? firstKept(seg.cell[s], y) : xs[seg.cell[s]];
		}

		/** The last kept column of segment s in row y. */
		int keptTo(int s, int y) {
			return seg.kind[s] == PREFIX ? lastKept(seg.cell[s], y) : xs[seg.cell[s] + 1] - 1;
		}
	}

	static boolean reachesEnd(byte k) {
		return k == FULL || k == SUFFIX;
	}

	static boolean reachesStart(byte k) {
		return k == FULL || k == PREFIX;
	}

	/**
	 * Segments (rows {@code y0..y1} of one cell, of one kind) with a union-find over them. A union keeps as
	 * root the segment whose first pixel comes first in row-major order (its first row, then its cell: two
	 * segments of a row in different cells are ordered by their cells), so a root is its component's first
	 * pixel, the tie rule of {@link CamBox}.
	 */
	static final class Segments {
		int n;
		int[] y0 = new int[128], y1 = new int[128], cell = new int[128], parent = new int[128];
		byte[] kind = new byte[128];
		/** Bounds on the segment's first and last kept column over its rows; {@code tight} once from its crossings. */
		int[] fromLo = new int[128], fromHi = new int[128], toLo = new int[128], toHi = new int[128];
		boolean[] tight = new boolean[128];
		/** Per component, at its root: bounds on its pixel count, and whether it is still in contention. */
		long[] lower = new long[128], upper = new long[128];
		boolean[] contender = new boolean[128];
		int[] root = new int[128];

		void clear() {
			n = 0;
		}

		void add(int ya, int yb, int c, byte k) {
			if (n == y0.length) grow();
			y0[n] = ya;
			y1[n] = yb;
			cell[n] = c;
			kind[n] = k;
			parent[n] = n;
			n++;
		}

		private void grow() {
			int c = n * 2;
			y0 = Arrays.copyOf(y0, c);
			y1 = Arrays.copyOf(y1, c);
			cell = Arrays.copyOf(cell, c);
			parent = Arrays.copyOf(parent, c);
			kind = Arrays.copyOf(kind, c);
			fromLo = Arrays.copyOf(fromLo, c);
			fromHi = Arrays.copyOf(fromHi, c);
			toLo = Arrays.copyOf(toLo, c);
			toHi = Arrays.copyOf(toHi, c);
			tight = Arrays.copyOf(tight, c);
			lower = Arrays.copyOf(lower, c);
			upper = Arrays.copyOf(upper, c);
			contender = Arrays.copyOf(contender, c);
			root = Arrays.copyOf(root, c);
		}

		int find(int i) {
			while (parent[i] != i) {
				parent[i] = parent[parent[i]];
				i = parent[i];
			}
			return i;
		}

		/** Row-major order of first pixels: the first row, then the cell. */
		private boolean before(int a, int b) {
			return y0[a] != y0[b] ? y0[a] < y0[b] : cell[a] < cell[b];
		}

		void union(int a, int b) {
			int ra = find(a), rb = find(b);
			if (ra == rb) return;
			if (before(ra, rb)) parent[rb] = ra;
			else parent[ra] = rb;
		}

		/** Column bounds of segment s from its kind alone. */
		private void loose(Geometry g, int s) {
			int xa = g.xs[cell[s]], xb = g.xs[cell[s] + 1] - 1;
			byte k = kind[s];
			fromLo[s] = k == SUFFIX ? xa + 1 : xa;
			fromHi[s] = k == SUFFIX ? xb : xa;
			toLo[s] = k == PREFIX ? xa : xb;
			toHi[s] = k == PREFIX ? xb - 1 : xb;
			tight[s] = k == FULL;
		}

		/** Column bounds of segment s from the crossings of its first and last row (they move monotonically). */
		private void tighten(Geometry g, int s) {
			if (tight[s]) return;
			int p = kind[s] == SUFFIX ? g.keptFrom(s, y0[s]) : g.keptTo(s, y0[s]);
			int q = y1[s] == y0[s] ? p : kind[s] == SUFFIX ? g.keptFrom(s, y1[s]) : g.keptTo(s, y1[s]);
			if (kind[s] == SUFFIX) {
				fromLo[s] = Math.min(p, q);
				fromHi[s] = Math.max(p, q);
			} else {
				toLo[s] = Math.min(p, q);
				toHi[s] = Math.max(p, q);
			}
			tight[s] = true;
		}

		private long rows(int s) {
			return y1[s] - y0[s] + 1L;
		}

		private long exactCount(Geometry g, int s) {
			if (fromLo[s] == fromHi[s] && toLo[s] == toHi[s]) return rows(s) * (toLo[s] - fromLo[s] + 1);
			long c = 0;
			for (int y = y0[s]; y <= y1[s]; y++) c += g.keptTo(s, y) - g.keptFrom(s, y) + 1;
			return c;
		}

		/**
		 * The box of the largest component, as {@link CamBox} would give it: bounds on every component's
		 * pixel count, tightened, and exact counts only for the components still in contention.
		 */
		int[] largestBox(Geometry g) {
			if (n == 0) return null;
			for (int s = 0; s < n; s++) {
				root[s] = find(s);
				loose(g, s);
				contender[s] = true;
			}
			for (int level = 0; ; level++) {
				for (int s = 0; s < n; s++) {
					if (root[s] == s) lower[s] = upper[s] = 0;
				}
				for (int s = 0; s < n; s++) {
					int c = root[s];
					if (!contender[c]) continue;
					if (level == 1) tighten(g, s);
					if (level == 2) {
						long e = exactCount(g, s);
						lower[c] += e;
						upper[c] += e;
					} else {
						lower[c] += rows(s) * (toLo[s] - fromHi[s] + 1);
						upper[c] += rows(s) * (toHi[s] - fromLo[s] + 1);
					}
				}
				// the component with the largest lower bound (the first of them); still in contention are those
				// that could beat it: more pixels, or as many and an earlier first pixel
				int best = -1;
				for (int s = 0; s < n; s++) {
					if (root[s] == s && contender[s] && (best < 0 || lower[s] > lower[best] || (lower[s] == lower[best] && before(s, best)))) best = s;
				}
				int left = 0;
				for (int s = 0; s < n; s++) {
					if (root[s] != s || !contender[s]) continue;
					contender[s] = s == best || upper[s] > lower[best] || (upper[s] == lower[best] && before(s, best));
					if (contender[s]) left++;
				}
				if (left == 1 || level == 2) return boxOf(g, best);
			}
		}

		/**
		 * The box of component c. A prefix or a whole cell starts at its cell's first column and a suffix ends
		 * at its last, so only suffixes that could start further left (prefixes that could end further right)
		 * than those need their crossings.
		 */
		private int[] boxOf(Geometry g, int c) {
			int minX = Integer.MAX_VALUE, maxX = Integer.MIN_VALUE, minY = Integer.MAX_VALUE, maxY = Integer.MIN_VALUE;
			for (int s = 0; s < n; s++) {
				if (root[s] != c) continue;
				if (kind[s] != SUFFIX) minX = Math.min(minX, fromLo[s]);
				if (kind[s] != PREFIX) maxX = Math.max(maxX, toHi[s]);
				minY = Math.min(minY, y0[s]);
				maxY = Math.max(maxY, y1[s]);
			}
			for (int s = 0; s < n; s++) {
				if (root[s] != c) continue;
				if (kind[s] == SUFFIX && fromLo[s] < minX) {
					tighten(g, s);
					minX = Math.min(minX, fromLo[s]);
				}
				if (kind[s] == PREFIX && toHi[s] > maxX) {
					tighten(g, s);
					maxX = Math.max(maxX, toHi[s]);
				}
			}
			return new int[] {minX, minY, maxX - minX + 1, maxY - minY + 1};
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
		return Arrays.copyOf(starts, n);
	}
}
