package io.github.inceptioncam.cam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.inceptioncam.model.CamHead;
import io.github.inceptioncam.model.Layout;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The run-length union-find box against the former flood fill, and the fast CAM maths against direct loops. */
class CamBoxTest {
	/** The former implementation: flood fill from each unlabelled kept pixel in row-major order. */
	static int[] floodFillBox(double[] map, int width, int height, double fraction) {
		double max = 0;
		for (double v : map) if (v > max) max = v;
		if (!(max > 0) || Double.isInfinite(max)) return null;
		double thr = fraction * max;
		int n = map.length;
		int[] label = new int[n];
		int[] stack = new int[n];
		int best = 0;
		int[] bestBox = null;
		int next = 0;
		for (int start = 0; start < n; start++) {
			if (label[start] != 0 || !(map[start] >= thr)) continue;
			next++;
			int sp = 0, count = 0;
			int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1;
			stack[sp++] = start;
			label[start] = next;
			while (sp > 0) {
				int p = stack[--sp];
				int px = p % width, py = p / width;
				count++;
				minX = Math.min(minX, px);
				maxX = Math.max(maxX, px);
				minY = Math.min(minY, py);
				maxY = Math.max(maxY, py);
				for (int dy = -1; dy <= 1; dy++) {
					int qy = py + dy;
					if (qy < 0 || qy >= height) continue;
					for (int dx = -1; dx <= 1; dx++) {
						int qx = px + dx;
						if ((dx == 0 && dy == 0) || qx < 0 || qx >= width) continue;
						int q = qy * width + qx;
						if (label[q] == 0 && map[q] >= thr) {
							label[q] = next;
							stack[sp++] = q;
						}
					}
				}
			}
			if (count > best) {
				best = count;
				bestBox = new int[] {minX, minY, maxX - minX + 1, maxY - minY + 1};
			}
		}
		return bestBox;
	}

	@Test
	void unionFindMatchesFloodFillOnRandomMaps() {
		Random rnd = new Random(42);
		int checked = 0, ties = 0, nulls = 0;
		for (int t = 0; t < 20000; t++) {
			int w = 1 + rnd.nextInt(t % 10 == 0 ? 40 : 9), h = 1 + rnd.nextInt(t % 10 == 0 ? 40 : 9);
			double[] m = new double[w * h];
			int kind = t % 8;
			double density = rnd.nextDouble();
			for (int i = 0; i < m.length; i++) {
				switch (kind) {
					case 0: // sparse equal blobs: many ties of single pixels and diagonal touches
						m[i] = rnd.nextDouble() < density * 0.5 ? 1 : 0;
						break;
					case 1: // all zero
						m[i] = 0;
						break;
					case 2: // all negative (no positive evidence)
						m[i] = -1 - rnd.nextDouble() * 5;
						break;
					case 3: // signed noise
						m[i] = rnd.nextGaussian();
						break;
					case 4: // mostly below the threshold with one high pixel
						m[i] = rnd.nextDouble() * 0.19;
						break;
					case 5: // values exactly at the threshold and just below it
						m[i] = rnd.nextInt(3) == 0 ? 0.2 : rnd.nextInt(2) == 0 ? Math.nextDown(0.2) : (rnd.nextBoolean() ? 1 : -1);
						break;
					case 6: // chequerboard-like diagonal chains with gaps
						m[i] = ((i % w) + (i / w)) % 2 == 0 && rnd.nextDouble() < density ? 3 : -rnd.nextDouble();
						break;
					default: // smooth bumps, like an upsampled CAM
						double x = i % w, y = i / w;
						m[i] = Math.sin(x * 0.7 + t) * Math.cos(y * 0.5 - t) + rnd.nextDouble() * 0.3 - 0.2;
				}
			}
			if (kind == 4) m[rnd.nextInt(m.length)] = 1;
			if (kind == 5 && rnd.nextBoolean()) m[rnd.nextInt(m.length)] = 1;
			double fraction = t % 13 == 0 ? rnd.nextDouble() : 0.2;
			int[] expected = floodFillBox(m, w, h, fraction);
			int[] got = CamBox.box(m, w, h, fraction);
			assertArrayEquals(expected, got, "map " + t + " (" + w + "x" + h + ", kind " + kind + ")");
			checked++;
			if (expected == null) nulls++;
			if (kind == 0 || kind == 6) ties++;
		}
		assertEquals(20000, checked);
		assertEquals(true, nulls > 1000 && ties > 1000);
	}

	@Test
	void tiesGoToTheComponentWhoseFirstPixelComesFirst() {
		// two 2-pixel components; the second starts on an earlier row but later column... row-major decides
		int w = 6, h = 3;
		double[] m = new double[w * h];
		m[0 * w + 4] = 1;
		m[1 * w + 5] = 1; // diagonal touch: one component {(4,0),(5,1)}
		m[1 * w + 0] = 1;
		m[2 * w + 0] = 1; // {(0,1),(0,2)}
		assertArrayEquals(new int[] {4, 0, 2, 2}, CamBox.box(m, w, h, 0.2));
		assertArrayEquals(floodFillBox(m, w, h, 0.2), CamBox.box(m, w, h, 0.2));
		// a U shape whose arms join only on the last row: one component, first pixel on row 0
		double[] u = new double[5 * 4];
		for (int y = 0; y < 4; y++) {
			u[y * 5] = 1;
			u[y * 5 + 4] = 1;
		}
		for (int x = 0; x < 5; x++) u[3 * 5 + x] = 1;
		assertArrayEquals(new int[] {0, 0, 5, 4}, CamBox.box(u, 5, 4, 0.2));
		// single pixel, all below threshold but one
		double[] one = {0.1, 0.1, 0.1, 1};
		assertArrayEquals(new int[] {1, 1, 1, 1}, CamBox.box(one, 2, 2, 0.2));
		assertNull(CamBox.box(new double[] {0, -1, -2, 0}, 2, 2, 0.2));
		assertNull(CamBox.box(new double[] {1, Double.POSITIVE_INFINITY}, 2, 1, 0.2));
	}

	/** The former direct bilinear loops: four neighbours per output pixel. */
	static double[] directResize(double[] src, int sw, int sh, int dw, int dh) {
		Bilinear.Axis ax = new Bilinear.Axis(sw, dw), ay = new Bilinear.Axis(sh, dh);
		double[] out = new double[dw * dh];
		for (int y = 0; y < dh; y++) {
			int r0 = ay.lo[y] * sw, r1 = ay.hi[y] * sw;
			double fy = ay.frac[y];
			for (int x = 0; x < dw; x++) {
				double fx = ax.frac[x];
				double top = src[r0 + ax.lo[x]] * (1 - fx) + src[r0 + ax.hi[x]] * fx;
				double bot = src[r1 + ax.lo[x]] * (1 - fx) + src[r1 + ax.hi[x]] * fx;
				out[y * dw + x] = top * (1 - fy) + bot * fy;
			}
		}
		return out;
	}

	static float[] directResize(float[] src, int sw, int sh, int dw, int dh) {
		Bilinear.Axis ax = new Bilinear.Axis(sw, dw), ay = new Bilinear.Axis(sh, dh);
		float[] out = new float[dw * dh];
		for (int y = 0; y < dh; y++) {
			int r0 = ay.lo[y] * sw, r1 = ay.hi[y] * sw;
			float fy = ay.frac[y];
			for (int x = 0; x < dw; x++) {
				float fx = ax.frac[x];
				float top = src[r0 + ax.lo[x]] * (1 - fx) + src[r0 + ax.hi[x]] * fx;
				float bot = src[r1 + ax.lo[x]] * (1 - fx) + src[r1 + ax.hi[x]] * fx;
				out[y * dw + x] = top * (1 - fy) + bot * fy;
			}
		}
		return out;
	}

	@Test
	void separableResizeIsBitIdenticalToTheDirectLoops() {
		Random rnd = new Random(7);
		int[][] sizes = {{8, 8, 299, 299}, {7, 7, 224, 224}, {5, 3, 7, 4}, {299, 299, 256, 256}, {640, 480, 256, 256}, {1, 1, 3, 5}, {3, 9, 1, 2}};
		for (int[] s : sizes) {
			double[] d = new double[s[0] * s[1]];
			float[] f = new float[d.length];
			for (int i = 0; i < d.length; i++) {
				d[i] = rnd.nextGaussian() * 10;
				f[i] = rnd.nextInt(65536);
			}
			assertArrayEquals(directResize(d, s[0], s[1], s[2], s[3]), Bilinear.resize(d, s[0], s[1], s[2], s[3]));
			if (s[0] != s[2] || s[1] != s[3]) {
				assertArrayEquals(directResize(f, s[0], s[1], s[2], s[3]), Bilinear.resize(f, s[0], s[1], s[2], s[3]));
			}
		}
	}

	@Test
	void camSumIsBitIdenticalToTheDirectSumInBothLayouts() {
		Random rnd = new Random(11);
		int k = 64, fh = 5, fw = 7;
		float[] nchw = new float[2 * k * fh * fw], nhwc = new float[nchw.length];
		for (int i = 0; i < nchw.length; i++) nchw[i] = (float) rnd.nextGaussian();
		for (int b = 0; b < 2; b++) {
			for (int j = 0; j < k; j++) {
				for (int p = 0; p < fh * fw; p++) nhwc[b * k * fh * fw + p * k + j] = nchw[b * k * fh * fw + j * fh * fw + p];
			}
		}
		double[][] w = new double[3][k];
		for (double[] row : w) for (int j = 0; j < k; j++) row[j] = rnd.nextGaussian();
		CamHead head = new CamHead(CamHead.Kind.LINEAR, "f", Layout.NCHW, w, new double[3], "gap", "fc", 1);
		FeatureMap a = new FeatureMap(nchw, k * fh * fw, k, fh, fw, Layout.NCHW);
		FeatureMap c = new FeatureMap(nhwc, k * fh * fw, k, fh, fw, Layout.NHWC);
		for (int cls = 0; cls < 3; cls++) {
			double[] direct = new double[fh * fw];
			for (int y = 0; y < fh; y++) {
				for (int x = 0; x < fw; x++) {
					double s = 0;
					for (int j = 0; j < k; j++) s += w[cls][j] * a.get(j, y, x);
					direct[y * fw + x] = s;
				}
			}
			assertArrayEquals(direct, CamMaps.raw(head, a, cls));
			assertArrayEquals(direct, CamMaps.raw(head, c, cls));
		}
	}
}
