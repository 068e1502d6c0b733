package io.github.inceptioncam.demo;

/** Paints a {@link Nucleus}: flat-topped dome, irregular soft outline, chromatin texture, chromocenters, nucleoli. */
final class NucleusPainter {
	private NucleusPainter() {}

	static void paint(Canvas c, Nucleus n, Texture tex) {
		double cos = StrictMath.cos(n.theta), sin = StrictMath.sin(n.theta), rMean = n.meanRadius();
		int reach = (int) Math.ceil(n.maxRadius() + 1);
		for (int y = (int) Math.floor(n.cy) - reach; y <= (int) Math.ceil(n.cy) + reach; y++) {
			for (int x = (int) Math.floor(n.cx) - reach; x <= (int) Math.ceil(n.cx) + reach; x++) {
				if (!c.inside(x, y)) continue;
				double dx = x - n.cx, dy = y - n.cy;
				double u = (dx * cos + dy * sin) / n.a, v = (-dx * sin + dy * cos) / n.b;
				double rho = Math.sqrt(u * u + v * v);
				double edge = outlineAt(n.outline, StrictMath.atan2(v, u));
				double k = Shapes.coverage((edge - rho) * rMean, 1.0);
				if (k <= 0) continue;
				double q = Math.min(1, rho / edge);
				double dome = 0.6 + 0.4 * Math.sqrt(1 - q * q);
				double value = 1 + n.grain * tex.at(x, y);
				for (double[] s : n.spots) {
					double d2 = (x - s[0]) * (x - s[0]) + (y - s[1]) * (y - s[1]);
					if (d2 < 9 * s[2] * s[2]) value += s[3] * StrictMath.exp(-d2 / (2 * s[2] * s[2]));
				}
				c.add(x, y, n.amp * k * dome * Math.max(0.2, value));
			}
		}
	}

	private static double outlineAt(double[] outline, double phi) {
		double t = (phi / (2 * Math.PI) + 1) % 1 * outline.length;
		int i = (int) t;
		double f = t - i;
		return outline[i % outline.length] * (1 - f) + outline[(i + 1) % outline.length] * f;
	}
}
