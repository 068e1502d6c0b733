package io.github.inceptioncam.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The histogram percentiles give exactly the values of sorting a copy. */
class PercentileTest {
	static double sorted(float[] values, double p) {
		float[] s = values.clone();
		Arrays.sort(s);
		double pos = p / 100.0 * (s.length - 1);
		int i = (int) Math.floor(pos);
		if (i >= s.length - 1) return s[s.length - 1];
		double f = pos - i;
		return s[i] + (s[i + 1] - (double) s[i]) * f;
	}

	@Test
	void sameAsSortingForWholeNumbersFloatsAndOddValues() {
		Random rnd = new Random(5);
		double[] ps = {0, 1, 2.5, 50, 99, 99.8, 100};
		for (int t = 0; t < 900; t++) {
			int n = 1 + rnd.nextInt(t % 4 == 0 ? 5 : 3000);
			float[] v = new float[n];
			int kind = t % 9;
			for (int i = 0; i < n; i++) {
				switch (kind) {
					case 0: v[i] = rnd.nextInt(256); break;
					case 1: v[i] = rnd.nextInt(65536); break;
					case 2: v[i] = rnd.nextInt(3) * 1000; break; // few distinct values
					case 3: v[i] = (float) rnd.nextGaussian() * 100; break; // signed floats: sorted path
					case 4: v[i] = rnd.nextInt(70000); break; // beyond 16 bits: sorted path
					case 5: v[i] = rnd.nextInt(10) + (rnd.nextInt(50) == 0 ? 0.5f : 0f); break;
					case 6: v[i] = 7.25f; break; // constant: many equal keys for the selection
					case 7: v[i] = (rnd.nextInt(3) + rnd.nextInt(256) + rnd.nextInt(256)) / 3f; break; // RGB mean
					default: v[i] = rnd.nextBoolean() ? -0.0f : rnd.nextInt(5) - 2.5f;
				}
			}
			if (t % 7 == 0) v[rnd.nextInt(n)] = -0.0f;
			if (t % 11 == 0) v[rnd.nextInt(n)] = Float.NaN;
			for (double p : ps) {
				double[] got = Preprocessor.percentiles(v, p, 100 - p);
				assertEquals(Double.doubleToRawLongBits(sorted(v, p)), Double.doubleToRawLongBits(got[0]), "case " + t + " p " + p);
				assertEquals(Double.doubleToRawLongBits(sorted(v, 100 - p)), Double.doubleToRawLongBits(got[1]), "case " + t + " p " + (100 - p));
			}
		}
	}
}
