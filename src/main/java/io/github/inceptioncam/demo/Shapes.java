package io.github.inceptioncam.demo;

/** Drawing primitives with soft (anti-aliased) edges: ellipses, Gaussian spots, chromatin bars. */
final class Shapes {
	private Shapes() {}

	/** Edge coverage: 0 outside, 1 inside, linear over {@code edge} pixels around signed distance 0. */
	static double coverage(double inside, double edge) {
		double c = 0.5 + inside / edge;
		return c <= 0 ? 0 : c >= 1 ? 1 : c;
	}

	/**
	 * Filled ellipse of semi-axes rx, ry (pixels) turned by theta, amplitude amp, soft over {@code edge} pixels; optional
	 * texture of relative strength {@code grain}.
	 */
	static void ellipse(Canvas c, double cx, double cy, double rx, double ry, double theta, double amp, double edge,
			Texture tex, double grain) {
		double cos = StrictMath.cos(theta), sin = StrictMath.sin(theta), rMean = Math.sqrt(rx * ry);
		int reach = (int) Math.ceil(Math.max(rx, ry) + edge + 1);
		for (int y = (int) Math.floor(cy) - reach; y <= (int) Math.ceil(cy) + reach; y++) {
			for (int x = (int) Math.floor(cx) - reach; x <= (int) Math.ceil(cx) + reach; x++) {
				if (!c.inside(x, y)) continue;
				double dx = x - cx, dy = y - cy;
				double u = (dx * cos + dy * sin) / rx, v = (-dx * sin + dy * cos) / ry;
				double k = coverage((1 - Math.sqrt(u * u + v * v)) * rMean, edge);
				if (k <= 0) continue;
				double t = tex == null ? 1 : 1 + grain * tex.at(x, y);
				c.add(x, y, amp * k * t);
			}
		}
	}

	/** Isotropic Gaussian spot of peak amp. */
	static void spot(Canvas c, double cx, double cy, double sigma, double amp) {
		int reach = (int) Math.ceil(3 * sigma);
		double inv = 1 / (2 * sigma * sigma);
		for (int y = (int) Math.floor(cy) - reach; y <= (int) Math.ceil(cy) + reach; y++) {
			for (int x = (int) Math.floor(cx) - reach; x <= (int) Math.ceil(cx) + reach; x++) {
				if (!c.inside(x, y)) continue;
				double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
				if (d2 > 9 * sigma * sigma) continue;
				c.add(x, y, amp * StrictMath.exp(-d2 * inv));
			}
		}
	}

	/**
	 * Condensed chromatin bar: a capsule of the given length and width along angle theta, its edges lumpy (chromosome
	 * arms), its middle displaced sideways by {@code bow} pixels, textured.
	 */
	static void bar(Canvas c, double cx, double cy, double length, double width, double theta, double bow, double amp,
			Texture tex, Rng rng) {
		double cos = StrictMath.cos(theta), sin = StrictMath.sin(theta), half = length / 2;
		int lumps = 4;
		double[] la = new double[lumps], lf = new double[lumps], lp = new double[lumps];
		for (int i = 0; i < lumps; i++) {
			la[i] = rng.uniform(0.06, 0.16);
			lf[i] = rng.uniform(0.5, 1.6);
			lp[i] = rng.angle();
		}
		int reach = (int) Math.ceil(half + width + Math.abs(bow) + 2);
		for (int y = (int) Math.floor(cy) - reach; y <= (int) Math.ceil(cy) + reach; y++) {
			for (int x = (int) Math.floor(cx) - reach; x <= (int) Math.ceil(cx) + reach; x++) {
				if (!c.inside(x, y)) continue;
				double dx = x - cx, dy = y - cy;
				double u = dx * cos + dy * sin, v = -dx * sin + dy * cos;
				double s = Math.min(1, Math.abs(u) / half);
				v -= bow * (1 - s * s);
				double lump = 0;
				for (int i = 0; i < lumps; i++) lump += la[i] * StrictMath.sin(lf[i] * u + lp[i]);
				double hw = width / 2 * (1 + lump);
				double straight = half - hw, au = Math.abs(u), inside;
				if (au <= straight) inside = hw - Math.abs(v);
				else inside = hw - Math.sqrt((au - straight) * (au - straight) + v * v);
				double k = coverage(inside, 1.0);
				if (k <= 0) continue;
				c.add(x, y, amp * k * (1 + 0.22 * tex.at(x, y)));
			}
		}
	}
}
