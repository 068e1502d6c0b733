package io.github.inceptioncam.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes one synthetic widefield image of DAPI/Hoechst-stained nuclei from a seed: ordinary nuclei, the deciding object
 * of the class, uneven illumination, PSF blur and camera noise.
 */
public final class FieldGenerator {
	public static final int MIN_SIZE = 64;
	public static final int MAX_SIZE = 4096;
	private static final int KEEP_OUT = 5;
	private final int size;

	public FieldGenerator(int size) {
		if (size < MIN_SIZE || size > MAX_SIZE) {
			throw new IllegalArgumentException("field size must be between " + MIN_SIZE + " and " + MAX_SIZE + " pixels, not " + size);
		}
		this.size = size;
	}

	public int size() {
		return size;
	}

	/** The field of class {@code cls} drawn from {@code seed}; the same seed always gives the same pixels. */
	public Field generate(long seed, DemoClass cls) {
		Rng rng = new Rng(seed);
		int n = size;
		double base = rng.uniform(1900, 3800);
		Texture tex = new Texture(n, n, rng);
		Canvas stain = new Canvas(n, n);
		int[] box = null;
		if (cls.hasBox()) {
			Canvas figure = new Canvas(n, n), cell = new Canvas(n, n);
			double amp = Figures.paint(cls, figure, stain, cell, rng, base, tex);
			box = union(figure.boxAbove(0.25 * amp, 1), cell.boxAbove(0.5, 0));
			stain.addAll(figure);
		}
		int target = (int) Math.round(rng.uniform(12, 30) * n * n / 65536.0);
		int ordinary = Math.max(0, target - (cls == DemoClass.BINUCLEATED ? 2 : cls.hasBox() ? 1 : 0));
		placeNuclei(stain, rng, base, tex, ordinary, box);
		addClutter(stain, rng, base, box);
		return new Field(n, n, expose(stain, rng), cls, box, seed);
	}

	/** The smallest box holding both (either may be null). */
	static int[] union(int[] a, int[] b) {
		if (a == null) return b;
		if (b == null) return a;
		int x0 = Math.min(a[0], b[0]), y0 = Math.min(a[1], b[1]);
		int x1 = Math.max(a[0] + a[2], b[0] + b[2]), y1 = Math.max(a[1] + a[3], b[1] + b[3]);
		return new int[] {x0, y0, x1 - x0, y1 - y0};
	}

	/**
	 * Ordinary nuclei, each in its faint cytoplasm, by rejection sampling: a third are put next to an earlier one (touching
	 * or slightly overlapping), none comes near the deciding object.
	 */
	private void placeNuclei(Canvas stain, Rng rng, double base, Texture tex, int count, int[] box) {
		List<Nucleus> placed = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			for (int tries = 0; tries < 300; tries++) {
				double diameter = 14 + 12 * (rng.uniform() + rng.uniform()) / 2;
				double aspect = 1 + 0.45 * Math.pow(rng.uniform(), 1.5), r = diameter / 2;
				boolean cluster = !placed.isEmpty() && rng.chance(0.3);
				double cx, cy;
				if (cluster) {
					Nucleus o = placed.get(rng.between(0, placed.size() - 1));
					double d = (r + o.meanRadius()) * rng.uniform(0.85, 1.05), phi = rng.angle();
					cx = o.cx + d * StrictMath.cos(phi);
					cy = o.cy + d * StrictMath.sin(phi);
				} else {
					cx = rng.uniform(-0.3 * r, size + 0.3 * r);
					cy = rng.uniform(-0.3 * r, size + 0.3 * r);
				}
				Nucleus nu = Nucleus.random(rng, cx, cy, diameter, aspect, base * rng.logNormal(0.2, 0.6, 1.5));
				if (box != null && distanceToBox(cx, cy, box) < nu.maxRadius() + KEEP_OUT) continue;
				double closeness = cluster ? 0.8 : 1.02;
				boolean free = true;
				for (int j = 0; j < placed.size() && free; j++) {
					Nucleus o = placed.get(j);
					double dx = cx - o.cx, dy = cy - o.cy;
					free = Math.sqrt(dx * dx + dy * dy) >= closeness * (nu.meanRadius() + o.meanRadius());
				}
				if (!free) continue;
				placed.add(nu);
				double pad = rng.uniform(4, 10);
				Shapes.ellipse(stain, cx + rng.uniform(-3, 3), cy + rng.uniform(-3, 3), nu.a + pad, nu.b + pad * rng.uniform(0.7, 1.3), nu.theta,
					base * rng.uniform(0.01, 0.03), 4, tex, 0.5);
				NucleusPainter.paint(stain, nu, tex);
				break;
			}
		}
	}

	/** A couple of out-of-focus nuclei and dim debris specks, away from the deciding object. */
	private void addClutter(Canvas stain, Rng rng, double base, int[] box) {
		int blurred = rng.between(0, 2), specks = rng.between(0, 2);
		for (int i = 0; i < blurred + specks; i++) {
			boolean speck = i >= blurred;
			double extent = speck ? 3 : 12, x = rng.uniform(0, size), y = rng.uniform(0, size);
			if (box != null && distanceToBox(x, y, box) < extent + KEEP_OUT) continue;
			if (speck) Shapes.ellipse(stain, x, y, rng.uniform(0.8, 1.8), rng.uniform(0.8, 1.8), rng.angle(), base * rng.uniform(0.4, 1.0), 0.8, null, 0);
			else Shapes.spot(stain, x, y, rng.uniform(4, 7), base * rng.uniform(0.12, 0.3));
		}
	}

	/** Illumination, background, PSF (sharp core plus a wide out-of-focus glow), camera. */
	private short[] expose(Canvas stain, Rng rng) {
		int n = size;
		float[] light = Illumination.random(n, n, rng);
		double background = rng.uniform(20, 60), sigma = rng.uniform(0.9, 1.4);
		float[] electrons = new float[n * n];
		for (int i = 0; i < electrons.length; i++) electrons[i] = (float) (light[i] * (stain.px[i] + background));
		float[] haze = electrons.clone();
		Blur.gaussian(haze, n, n, 6);
		Blur.gaussian(electrons, n, n, sigma);
		double glow = rng.uniform(0.04, 0.1);
		for (int i = 0; i < electrons.length; i++) electrons[i] = (float) ((1 - glow) * electrons[i] + glow * haze[i]);
		return Camera.random(rng).read(electrons, rng);
	}

	private static double distanceToBox(double x, double y, int[] b) {
		double dx = Math.max(Math.max(b[0] - x, 0), x - (b[0] + b[2] - 1));
		double dy = Math.max(Math.max(b[1] - y, 0), y - (b[1] + b[3] - 1));
		return Math.sqrt(dx * dx + dy * dy);
	}
}
