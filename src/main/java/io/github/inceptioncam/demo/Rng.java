package io.github.inceptioncam.demo;

import java.util.SplittableRandom;

/** Seeded random variates (uniform, Gaussian, Poisson) that give the same numbers on every JVM and thread. */
final class Rng {
	private final SplittableRandom random;
	private double spare;
	private boolean hasSpare;

	Rng(long seed) {
		this.random = new SplittableRandom(seed);
	}

	/** The seed of item {@code index} of a run with seed {@code seed}: well mixed, independent of the order of use. */
	static long seedOf(long seed, long index) {
		return mix(mix(seed ^ 0x3C6EF372FE94F82BL) + mix(index + 0x632BE59BD9B4E019L));
	}

	/** SplitMix64 finaliser. */
	static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	double uniform() {
		return random.nextDouble();
	}

	double uniform(double lo, double hi) {
		return lo + (hi - lo) * random.nextDouble();
	}

	/** An integer in [lo, hi], both included. */
	int between(int lo, int hi) {
		return lo + random.nextInt(hi - lo + 1);
	}

	boolean chance(double p) {
		return random.nextDouble() < p;
	}

	/** An angle in [0, 2 pi). */
	double angle() {
		return 2 * Math.PI * random.nextDouble();
	}

	/** Standard normal variate (Marsaglia polar method). */
	double gaussian() {
		if (hasSpare) {
			hasSpare = false;
			return spare;
		}
		double u, v, s;
		do {
			u = 2 * random.nextDouble() - 1;
			v = 2 * random.nextDouble() - 1;
			s = u * u + v * v;
		} while (s >= 1 || s == 0);
		double m = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
		spare = v * m;
		hasSpare = true;
		return u * m;
	}

	/** Log-normal factor with median 1, clipped to [lo, hi]. */
	double logNormal(double sigma, double lo, double hi) {
		return Math.max(lo, Math.min(hi, StrictMath.exp(sigma * gaussian())));
	}

	/** Poisson variate: exact below a mean of 30, normal approximation above. */
	long poisson(double mean) {
		if (mean <= 0) return 0;
		if (mean < 30) {
			double limit = StrictMath.exp(-mean), p = random.nextDouble();
			long k = 0;
			while (p > limit) {
				k++;
				p *= random.nextDouble();
			}
			return k;
		}
		return Math.max(0, Math.round(mean + StrictMath.sqrt(mean) * gaussian()));
	}
}
