package io.github.inceptioncam.cam;

/**
 * Bilinear resampling with align-corners=false semantics, the same as
 * {@code torch.nn.functional.interpolate(mode="bilinear", align_corners=False)} (no antialiasing) and
 * cv2.resize with INTER_LINEAR: output pixel centre {@code x} samples the input at
 * {@code (x + 0.5) * in / out - 0.5}, clamped to the border. (ImageJ's own resize samples at
 * {@code x * in / out - 0.5}, half a pixel off.)
 */
public final class Bilinear {
	private Bilinear() {}

	/** Precomputed sampling positions along one axis. */
	static final class Axis {
		final int[] lo;
		final int[] hi;
		final float[] frac;

		Axis(int in, int out) {
			lo = new int[out];
			hi = new int[out];
			frac = new float[out];
			double scale = (double) in / out;
			for (int i = 0; i < out; i++) {
				double src = (i + 0.5) * scale - 0.5;
				if (src < 0) src = 0;
				int i0 = (int) Math.floor(src);
				if (i0 > in - 1) i0 = in - 1;
				int i1 = Math.min(i0 + 1, in - 1);
				lo[i] = i0;
				hi[i] = i1;
				frac[i] = (float) (src - i0);
			}
		}

		/** Which of the {@code in} source lines are sampled (all of them when upsampling). */
		boolean[] used(int in) {
			boolean[] u = new boolean[in];
			for (int i = 0; i < lo.length; i++) {
				u[lo[i]] = true;
				u[hi[i]] = true;
			}
			return u;
		}
	}

	/**
	 * Resizes a row-major {@code sw x sh} plane to {@code dw x dh}. Separable: each source row is
	 * interpolated horizontally once, then output rows blend two of those; the arithmetic per output
	 * pixel is the same as interpolating the four neighbours directly, so the values are identical.
	 */
	public static double[] resize(double[] src, int sw, int sh, int dw, int dh) {
		checkSize(src.length, sw, sh, dw, dh);
		Axis ax = new Axis(sw, dw), ay = new Axis(sh, dh);
		double[] rows = horizontal(src, sw, sh, dw, ax, ay.used(sh));
		double[] out = new double[dw * dh];
		for (int y = 0, o = 0; y < dh; y++, o += dw) {
			int r0 = ay.lo[y] * dw, r1 = ay.hi[y] * dw;
			double fy = ay.frac[y], gy = 1 - fy;
			for (int x = 0; x < dw; x++) out[o + x] = rows[r0 + x] * gy + rows[r1 + x] * fy;
		}
		return out;
	}

	/** The horizontal pass: each used source row resampled to {@code dw} columns ({@code sh x dw}, row-major). */
	static double[] horizontal(double[] src, int sw, int sh, int dw, Axis ax, boolean[] used) {
		return horizontal(src, sw, sh, dw, ax, used, new double[sh * dw]);
	}

	/** As above, into {@code rows} ({@code sh * dw} values; rows not used are left as they are). */
	static double[] horizontal(double[] src, int sw, int sh, int dw, Axis ax, boolean[] used, double[] rows) {
		for (int r = 0; r < sh; r++) {
			if (!used[r]) continue;
			int s0 = r * sw, o = r * dw;
			for (int x = 0; x < dw; x++) {
				double fx = ax.frac[x];
				rows[o + x] = src[s0 + ax.lo[x]] * (1 - fx) + src[s0 + ax.hi[x]] * fx;
			}
		}
		return rows;
	}

	/** Single-precision version of {@link #resize(double[], int, int, int, int)}, used for model inputs. */
	public static float[] resize(float[] src, int sw, int sh, int dw, int dh) {
		checkSize(src.length, sw, sh, dw, dh);
		if (sw == dw && sh == dh) return src.clone();
		Axis ax = new Axis(sw, dw), ay = new Axis(sh, dh);
		float[] rows = new float[sh * dw];
		boolean[] used = ay.used(sh);
		for (int r = 0; r < sh; r++) {
			if (!used[r]) continue;
			int s0 = r * sw, o = r * dw;
			for (int x = 0; x < dw; x++) {
				float fx = ax.frac[x];
				rows[o + x] = src[s0 + ax.lo[x]] * (1 - fx) + src[s0 + ax.hi[x]] * fx;
			}
		}
		float[] out = new float[dw * dh];
		for (int y = 0, o = 0; y < dh; y++, o += dw) {
			int r0 = ay.lo[y] * dw, r1 = ay.hi[y] * dw;
			float fy = ay.frac[y], gy = 1 - fy;
			for (int x = 0; x < dw; x++) out[o + x] = rows[r0 + x] * gy + rows[r1 + x] * fy;
		}
		return out;
	}

	private static void checkSize(int n, int sw, int sh, int dw, int dh) {
		if (sw <= 0 || sh <= 0 || dw <= 0 || dh <= 0) throw new IllegalArgumentException("sizes must be positive");
		if (n != sw * sh) throw new IllegalArgumentException("plane has " + n + " values, not " + sw + "x" + sh);
	}
}
