package io.github.inceptioncam.inference;

import io.github.inceptioncam.model.ModelMetadata;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which classes the class maps explain, from what the user wrote: {@code auto} (the top-1 class), an
 * index, a label, {@code topK} (e.g. {@code top3}), {@code all}, or a comma list of these. A label
 * that itself contains commas is matched whole first. Duplicates are dropped, order is kept.
 */
public final class ClassSelection {
	private static final Pattern TOP = Pattern.compile("top-?(\\d+)", Pattern.CASE_INSENSITIVE);

	private ClassSelection() {}

	/**
	 * The classes, in the order asked for.
	 *
	 * @param ranking class indices from the most to the least probable
	 * @throws IllegalArgumentException with a one-line reason when a part names no class of the model
	 */
	public static List<Integer> resolve(String spec, int[] ranking, int classes, ModelMetadata meta) {
		Set<Integer> out = new LinkedHashSet<>();
		String s = spec == null || spec.isBlank() ? "auto" : spec.trim();
		int whole = meta.indexOf(s);
		if (whole >= 0 && whole < classes) {
			out.add(whole);
			return new ArrayList<>(out);
		}
		for (String part : s.split(",")) {
			String p = part.trim();
			if (p.isEmpty()) continue;
			add(p, ranking, classes, meta, out);
		}
		if (out.isEmpty()) throw new IllegalArgumentException("class '" + spec + "' names no class");
		return new ArrayList<>(out);
	}

	private static void add(String p, int[] ranking, int classes, ModelMetadata meta, Set<Integer> out) {
		String lower = p.toLowerCase(Locale.ROOT);
		if (lower.equals("auto")) {
			out.add(ranking[0]);
			return;
		}
		if (lower.equals("all")) {
			for (int c = 0; c < classes; c++) out.add(c);
			return;
		}
		int byLabel = meta.indexOf(p);
		if (byLabel >= 0 && byLabel < classes) {
			out.add(byLabel);
			return;
		}
		Matcher m = TOP.matcher(p);
		if (m.matches()) {
			int k = Integer.parseInt(m.group(1));
			if (k < 1) throw new IllegalArgumentException("class '" + p + "': top-K needs K of at least 1");
			for (int r = 0; r < Math.min(k, ranking.length); r++) out.add(ranking[r]);
			return;
		}
		try {
			int c = Integer.parseInt(p);
			if (c >= 0 && c < classes) {
				out.add(c);
				return;
			}
			throw new IllegalArgumentException("class " + c + " is out of range: the model has " + classes + " classes (0-" + (classes - 1) + ")");
		} catch (NumberFormatException e) {
			List<String> labels = meta.labels();
			throw new IllegalArgumentException("class '" + p + "' is neither auto, all, topK, an index nor a label of the model"
				+ (labels.isEmpty() ? "" : " (labels: " + String.join(", ", labels.subList(0, Math.min(10, labels.size())))
					+ (labels.size() > 10 ? ", ..." : "") + ")"));
		}
	}

	/** Checks a spec before any image is read (a usage error then, not one per image). */
	public static void check(String spec, int classes, ModelMetadata meta) {
		int[] ranking = new int[Math.max(1, classes)];
		for (int i = 0; i < ranking.length; i++) ranking[i] = i;
		resolve(spec, ranking, Math.max(1, classes), meta);
	}
}
