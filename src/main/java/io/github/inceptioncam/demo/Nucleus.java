package io.github.inceptioncam.demo;

import java.util.Arrays;

/** One interphase nucleus: ellipse with an irregular outline, brightness, chromocenters and nucleoli. */
final class Nucleus {
	static final int OUTLINE_STEPS = 256;
	final double cx;
	final double cy;
	final double a;
	final double b;
	final double theta;
	final double amp;
	final double grain;
	/** Outline radius factor at OUTLINE_STEPS angles around the nucleus. */
	final double[] outline;
	/** Chromocenters and nucleoli: x, y, sigma, relative strength (negative: darker nucleolus). */
	final double[][] spots;

	private Nucleus(double cx, double cy, double a, double b, double theta, double amp, double grain, double[] outline,
			double[][] spots) {
		this.cx = cx;
		this.cy = cy;
		this.a = a;
		this.b = b;
		this.theta = theta;
		this.amp = amp;
		this.grain = grain;
		this.outline = outline;
		this.spots = spots;
	}

	/** A random nucleus of the given mean diameter, aspect ratio and brightness (photoelectrons), centred at cx, cy. */
	static Nucleus random(Rng rng, double cx, double cy, double diameter, double aspect, double amp) {
		double r = diameter / 2;
		return random(rng, cx, cy, r * Math.sqrt(aspect), r / Math.sqrt(aspect), rng.angle(), amp);
	}

	/** A random nucleus of semi-axes a (along theta) and b, brightness amp (photoelectrons), centred at cx, cy. */
	static Nucleus random(Rng rng, double cx, double cy, double a, double b, double theta, double amp) {
		double irregular = rng.uniform(0.015, 0.06);
		double[] outline = new double[OUTLINE_STEPS];
		Arrays.fill(outline, 1);
		for (int k = 2; k <= 7; k++) {
			double ak = irregular * rng.gaussian() / Math.sqrt(k - 1), ph = rng.angle();
			for (int i = 0; i < OUTLINE_STEPS; i++) outline[i] += ak * StrictMath.cos(k * 2 * Math.PI * i / OUTLINE_STEPS + ph);
		}
		int chromocenters = rng.between(1, 8), nucleoli = rng.between(0, 3);
		double[][] spots = new double[chromocenters + nucleoli][];
		for (int i = 0; i < spots.length; i++) {
			boolean bright = i < chromocenters;
			double rho = (bright ? 0.8 : 0.6) * Math.sqrt(rng.uniform()), phi = rng.angle();
			double u = rho * a * StrictMath.cos(phi), v = rho * b * StrictMath.sin(phi);
			double x = cx + u * StrictMath.cos(theta) - v * StrictMath.sin(theta);
			double y = cy + u * StrictMath.sin(theta) + v * StrictMath.cos(theta);
			spots[i] = bright ? new double[] {x, y, rng.uniform(0.7, 1.3), rng.uniform(0.25, 0.7)}
				: new double[] {x, y, rng.uniform(1.3, 2.4), -rng.uniform(0.15, 0.3)};
		}
		return new Nucleus(cx, cy, a, b, theta, amp, rng.uniform(0.12, 0.3), outline, spots);
	}

	double meanRadius() {
		return Math.sqrt(a * b);
	}

	/** A radius that contains the whole nucleus. */
	double maxRadius() {
		double m = 0;
		for (double o : outline) m = Math.max(m, o);
		return Math.max(a, b) * m + 1;
	}
}
