package io.github.inceptioncam.imagej;

import io.github.inceptioncam.model.InceptionModel;
import io.github.inceptioncam.model.ModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The class chooser of the dialogs: {@code top-1}, {@code top-3}, {@code all}, then every label of the current model;
 * and the mapping of a chosen entry to the class value macros and the core read ({@code top-1} is {@code auto},
 * {@code top-3} is {@code top3}, the others as they are).
 */
public final class ClassChoices {
	public static final String TOP1 = "top-1";
	public static final String TOP3 = "top-3";
	public static final String ALL = "all";
	/** The entries offered for every model, before its labels. */
	public static final List<String> FIXED = List.of(TOP1, TOP3, ALL);

	/** Labels per model file and modification time (a dialog asks again on every change of the model field). */
	private static final Map<String, List<String>> CACHE = Collections.synchronizedMap(new LinkedHashMap<String, List<String>>(8, 0.75f, true) {
		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, List<String>> e) {
			return size() > 8;
		}
	});

	private ClassChoices() {}

	/**
	 * The chooser's entries for the model at {@code model} (empty or null: the built-in model): {@link #FIXED}, then its
	 * labels. A path that is not (yet) a readable model gives {@link #FIXED} only, never an error: the dialog calls this
	 * while the user types.
	 */
	public static List<String> forModel(String model) {
		List<String> out = new ArrayList<>(FIXED);
		for (String l : labels(model)) if (!out.contains(l)) out.add(l);
		return out;
	}

	/** The labels of the model, or none when it cannot be read. */
	static List<String> labels(String model) {
		Path p = model == null || model.isBlank() ? null : Paths.get(model.trim());
		String key;
		try {
			if (p != null && !Files.isRegularFile(p)) return List.of();
			key = p == null ? "" : p.toAbsolutePath() + "@" + Files.getLastModifiedTime(p).toMillis();
		} catch (java.io.IOException | RuntimeException e) {
			return List.of();
		}
		List<String> cached = CACHE.get(key);
		if (cached != null) return cached;
		List<String> labels;
		try {
			labels = List.copyOf(InceptionModel.load(p, null).metadata().labels());
		} catch (ModelException | RuntimeException e) {
			labels = List.of();
		}
		CACHE.put(key, labels);
		return labels;
	}

	/** A chooser entry or macro value as the class value the core reads: top-1 is auto, top-3 is top3, others unchanged. */
	public static String toSpec(String choice) {
		if (choice == null || choice.isBlank()) return "auto";
		String c = choice.trim();
		if (c.equalsIgnoreCase(TOP1)) return "auto";
		if (c.equalsIgnoreCase(TOP3)) return "top3";
		return c;
	}

	/** The chooser entry showing a class value: auto is top-1, top3 is top-3; a value not among {@code choices} gives top-1. */
	public static String toChoice(String spec, List<String> choices) {
		String c = spec == null ? "" : spec.trim();
		if (c.isEmpty() || c.equalsIgnoreCase("auto")) return TOP1;
		if (c.equalsIgnoreCase("top3")) return TOP3;
		return choices.contains(c) ? c : TOP1;
	}
}
