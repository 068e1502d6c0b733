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
	}

	/** Resizes a row-major {@code sw x sh} plane to {@code dw x dh}. */
	public static double[] resize(double[] src, int sw, int sh, int dw, int dh) {
		checkSize(src.length, sw, sh, dw, dh);
		Axis ax = new Axis(sw, dw), ay = new Axis(sh, dh);
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

	/** Single-precision version of {@link #resize(double[], int, int, int, int)}, used for model inputs. */
	public static float[] resize(float[] src, int sw, int sh, int dw, int dh) {
		checkSize(src.length, sw, sh, dw, dh);
		if (sw == dw && sh == dh) return src.clone();
		Axis ax = new Axis(sw, dw), ay = new Axis(sh, dh);
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

	private static void checkSize(int n, int sw, int sh, int dw, int dh) {
		if (sw <= 0 || sh <= 0 || dw <= 0 || dh <= 0) throw new IllegalArgumentException("sizes must be positive");
		if (n != sw * sh) throw new IllegalArgumentException("plane has " + n + " values, not " + sw + "x" + sh);
	}
}
