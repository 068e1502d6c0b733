package io.github.inceptioncam.demo;

/**
 * Paints the one object that decides a field's class. The chromatin goes to the {@code figure} layer; the faint
 * cell around it (mitotic cell body, shrunken apoptotic cell, cytoplasm) goes to {@code stain}, and its outline to
 * the {@code cell} mask. The annotated box is the whole deciding cell: the union of both.
 */
final class Figures {
	private Figures() {}

	/** Paints the deciding object of {@code cls} at a random place fully inside; returns its nominal brightness. */
	static double paint(DemoClass cls, Canvas figure, Canvas stain, Canvas cell, Rng rng, double base, Texture tex) {
		switch (cls) {
			case MITOSIS:
				return rng.chance(0.6) ? metaphase(figure, stain, cell, rng, base, tex) : anaphase(figure, stain, cell, rng, base, tex);
			case APOPTOSIS:
				return apoptosis(figure, stain, cell, rng, base, tex);
			case BINUCLEATED:
				return binucleated(figure, stain, cell, rng, base, tex);
			default:
				throw new IllegalArgumentException("class " + cls.label() + " has no deciding object");
		}
	}

	/** Metaphase plate seen edge-on: one bright lumpy bar, 16-24 x 4-6 px, in a faint rounded cell. */
	private static double metaphase(Canvas figure, Canvas stain, Canvas cell, Rng rng, double base, Texture tex) {
		double length = rng.uniform(16, 24), width = rng.uniform(4, 6), theta = rng.angle();
		double amp = base * rng.uniform(2.4, 3.2);
		double[] c = centre(rng, figure, length / 2 + 2);
		double radius = length / 2 + rng.uniform(4, 7);
		body(stain, cell, c[0], c[1], radius, radius * rng.uniform(0.85, 1), rng.angle(), base * rng.uniform(0.04, 0.07), 4, tex, 0.3);
		Shapes.bar(figure, c[0], c[1], length, width, theta, 0, 0.8 * amp, tex, rng);
		arms(figure, c[0], c[1], length, width, theta, 0, amp, tex, rng);
		return amp;
	}

	/** Anaphase: two parallel bright bars 13-20 x 3-5 px, 8-14 px apart, bowed towards the poles, in a faint elongated cell. */
	private static double anaphase(Canvas figure, Canvas stain, Canvas cell, Rng rng, double base, Texture tex) {
		double length = rng.uniform(13, 20), width = rng.uniform(3, 5), gap = rng.uniform(8, 14), bow = rng.uniform(0.5, 1.5);
		double theta = rng.angle(), amp = base * rng.uniform(2.4, 3.2);
		double across = gap / 2 + width / 2 + bow;
		double[] c = centre(rng, figure, Math.sqrt(across * across + length * length / 4) + 1);
		double nx = -StrictMath.sin(theta), ny = StrictMath.cos(theta);
		body(stain, cell, c[0], c[1], length / 2 + rng.uniform(3, 5), gap / 2 + rng.uniform(6, 9), theta,
			base * rng.uniform(0.04, 0.07), 4, tex, 0.3);
		for (int side = -1; side <= 1; side += 2) {
			double a = amp * rng.uniform(0.92, 1.08), l = length * rng.uniform(0.92, 1.08), t = theta + rng.uniform(-0.08, 0.08);
			double bx = c[0] + side * nx * gap / 2, by = c[1] + side * ny * gap / 2;
			Shapes.bar(figure, bx, by, l, width, t, side * bow, 0.8 * a, tex, rng);
			arms(figure, bx, by, l, width, t, -side, a, tex, rng);
		}
		return amp;
	}

	/**
	 * Chromosome arms sticking out of a bar: short thin blobs across it, on both sides ({@code towards} 0) or on one side
	 * (+1 or -1, the side anaphase arms trail towards).
	 */
	private static void arms(Canvas figure, double cx, double cy, double length, double width, double theta, int towards,
			double amp, Texture tex, Rng rng) {
		double cos = StrictMath.cos(theta), sin = StrictMath.sin(theta);
		int count = rng.between(8, 14);
		for (int i = 0; i < count; i++) {
			double u = rng.uniform(-0.45, 0.45) * length;
			int side = towards != 0 ? towards : rng.chance(0.5) ? 1 : -1;
			double armLength = rng.uniform(1.2, 2.4), v = side * (width / 2 + rng.uniform(-0.5, 0.8) * armLength);
			double x = cx + u * cos - v * sin, y = cy + u * sin + v * cos;
			Shapes.ellipse(figure, x, y, armLength, rng.uniform(0.6, 0.9), theta + Math.PI / 2 + rng.uniform(-0.5, 0.5),
				amp * rng.uniform(0.35, 0.6), 0.8, tex, 0.2);
		}
	}

	/** Apoptosis: 3-7 very bright round apoptotic bodies (3-6 px) clustered within about 20 px, in a faint shrunken cell. */
	private static double apoptosis(Canvas figure, Canvas stain, Canvas cell, Rng rng, double base, Texture tex) {
		double spread = rng.uniform(5, 8), amp = base * rng.uniform(3.0, 4.0);
		double[] c = centre(rng, figure, spread + 4);
		int count = rng.between(3, 7);
		double[][] bodies = new double[count][];
		int placed = 0;
		for (int tries = 0; placed < count && tries < 400; tries++) {
			double r = placed == 0 ? rng.uniform(2.3, 3.0) : rng.uniform(1.5, 2.8), rho = (spread - r / 2) * Math.sqrt(rng.uniform()), phi = rng.angle();
			double x = c[0] + rho * StrictMath.cos(phi), y = c[1] + rho * StrictMath.sin(phi);
			boolean free = true;
			for (int i = 0; i < placed && free; i++) {
				double dx = x - bodies[i][0], dy = y - bodies[i][1];
				free = Math.sqrt(dx * dx + dy * dy) >= r + bodies[i][2] + 0.7;
			}
			if (free) bodies[placed++] = new double[] {x, y, r};
		}
		body(stain, cell, c[0], c[1], spread + 4, (spread + 4) * rng.uniform(0.8, 1), rng.angle(), base * rng.uniform(0.03, 0.05), 3,
			tex, 0.3);
		for (int i = 0; i < placed; i++) {
			double r = bodies[i][2];
			Shapes.ellipse(figure, bodies[i][0], bodies[i][1], r * rng.uniform(0.9, 1.1), r, rng.angle(), amp * rng.uniform(0.85, 1.15), 0.8,
				tex, 0.08);
		}
		return amp;
	}

	/** Binucleated cell: two similar nuclei (16-21 px) side by side, touching or nearly, 30-40 px together, in a faint cytoplasm. */
	private static double binucleated(Canvas figure, Canvas stain, Canvas cell, Rng rng, double base, Texture tex) {
		double r1 = rng.uniform(8.2, 10), r2 = r1 * rng.uniform(0.92, 1.08), gap = rng.uniform(0.5, 3);
		double a1 = 0.92 * r1, a2 = 0.92 * r2, b1 = 1.07 * r1, b2 = 1.07 * r2, length = 2 * a1 + 2 * a2 + gap;
		double theta = rng.angle(), dx = StrictMath.cos(theta), dy = StrictMath.sin(theta);
		double padAlong = rng.uniform(5, 9), padAcross = rng.uniform(5, 9);
		double[] c = centre(rng, figure, length / 2 + Math.max(padAlong, padAcross) + 1);
		double amp1 = base * rng.logNormal(0.12, 0.8, 1.3), amp2 = amp1 * rng.uniform(0.92, 1.08);
		body(stain, cell, c[0], c[1], length / 2 + padAlong, Math.max(b1, b2) + padAcross, theta, base * rng.uniform(0.06, 0.1), 3,
			tex, 0.4);
		double o1 = length / 2 - a1, o2 = length / 2 - a2;
		NucleusPainter.paint(figure, Nucleus.random(rng, c[0] - dx * o1, c[1] - dy * o1, a1, b1, theta, amp1), tex);
		NucleusPainter.paint(figure, Nucleus.random(rng, c[0] + dx * o2, c[1] + dy * o2, a2, b2, theta, amp2), tex);
		return Math.min(amp1, amp2);
	}

	/** The faint cell body: painted into the stain and, as a mask, into {@code cell}. */
	private static void body(Canvas stain, Canvas cell, double cx, double cy, double rx, double ry, double theta, double amp,
			double edge, Texture tex, double grain) {
		Shapes.ellipse(stain, cx, cy, rx, ry, theta, amp, edge, tex, grain);
		Shapes.ellipse(cell, cx, cy, rx, ry, theta, 1, edge, null, 0);
	}

	/** A centre whose disc of radius {@code extent} lies at least 4 px inside the field. */
	private static double[] centre(Rng rng, Canvas c, double extent) {
		double mx = Math.min(extent + 4, c.width / 2.0), my = Math.min(extent + 4, c.height / 2.0);
		return new double[] {rng.uniform(mx, c.width - mx), rng.uniform(my, c.height - my)};
	}
}
