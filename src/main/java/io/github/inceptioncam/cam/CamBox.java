package io.github.inceptioncam.cam;

/**
 * The localisation box of Zhou et al. 2016: keep the pixels at or above a fraction (20 %) of the
 * map's maximum and return the bounding box of the largest 8-connected component.
 */
public final class CamBox {
	public static final double DEFAULT_FRACTION = 0.2;

	private CamBox() {}

	/**
	 * @return {@code {x, y, width, height}} in pixels of the map, or null when the map has no
	 *     positive value
	 */
	public static int[] box(double[] map, int width, int height, double fraction) {
		if (map.length != width * height) throw new IllegalArgumentException("map size does not match " + width + "x" + height);
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
				if (px < minX) minX = px;
				if (px > maxX) maxX = px;
				if (py < minY) minY = py;
				if (py > maxY) maxY = py;
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
}
