package io.github.inceptioncam.cam;

/** Localisation scores of a CAM against an annotated box ({@code {x, y, w, h}} in pixels). */
public final class BoxMetrics {
	private BoxMetrics() {}

	/** Intersection over union of two boxes; 0 when either is null or empty. */
	public static double iou(int[] a, int[] b) {
		if (a == null || b == null || a[2] <= 0 || a[3] <= 0 || b[2] <= 0 || b[3] <= 0) return 0;
		long ix = Math.max(0, Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]));
		long iy = Math.max(0, Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]));
		long inter = ix * iy;
		long union = (long) a[2] * a[3] + (long) b[2] * b[3] - inter;
		return union == 0 ? 0 : (double) inter / union;
	}

	/** Index of the first maximum of a map. */
	public static int argmax(double[] map) {
		int best = 0;
		for (int i = 1; i < map.length; i++) if (map[i] > map[best]) best = i;
		return best;
	}

	/** Pointing game: is the map's maximum (row-major, {@code width} wide) inside the box? */
	public static boolean pointingHit(double[] map, int width, int[] box) {
		if (box == null) return false;
		int i = argmax(map), x = i % width, y = i / width;
		return x >= box[0] && x < box[0] + box[2] && y >= box[1] && y < box[1] + box[3];
	}
}
