package io.github.inceptioncam.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The {@code --batch} list ("1,8,32"): positive, distinct batch sizes in the order given. */
public final class BatchSizes {
	/** The largest batch accepted (an input tensor of 4096 Inception v3 images is already 4.4 GB). */
	public static final int MAX = 4096;

	private BatchSizes() {}

	/** @throws IllegalArgumentException with a one-line reason */
	public static List<Integer> parse(String text) {
		if (text == null || text.isBlank()) throw new IllegalArgumentException("--batch needs a list of batch sizes, e.g. 1,8,32");
		List<Integer> out = new ArrayList<>();
		for (String part : text.split(",", -1)) {
			String p = part.trim();
			int n;
			try {
				n = Integer.parseInt(p);
			} catch (NumberFormatException e) {
				throw new IllegalArgumentException("--batch: '" + p + "' is not a whole number; give sizes like 1,8,32");
			}
			if (n < 1 || n > MAX) throw new IllegalArgumentException("--batch: " + n + " is out of range (1-" + MAX + ")");
			if (out.contains(n)) throw new IllegalArgumentException("--batch: " + n + " is given twice");
			out.add(n);
		}
		return Collections.unmodifiableList(out);
	}
}
