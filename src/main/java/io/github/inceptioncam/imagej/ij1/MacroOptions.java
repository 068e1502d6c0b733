package io.github.inceptioncam.imagej.ij1;

import ij.Macro;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads an ImageJ macro options string ({@code key=value key=[value with spaces] flag}) with the
 * semantics of ImageJ's own {@code GenericDialog} in a macro: values are read with {@link Macro#getValue},
 * an absent key keeps the field's default, and a checkbox is ticked only when its key is written (the
 * Recorder writes ticked checkboxes only, so an absent checkbox is false, whatever the dialog's default).
 * {@code key=true} and {@code key=false} are accepted as well. Unknown keys and out-of-range numbers are
 * reported with one line each through {@code warn}; a value that cannot be used throws an
 * {@link IllegalArgumentException} with a one-line message.
 *
 * <p>A real {@code GenericDialog} is not used for this: in plain ImageJ 1.x its constructor throws
 * {@code HeadlessException} on a headless JVM even when macro options are set (only Fiji patches that).
 */
public final class MacroOptions {
	private final String options;
	private final Map<String, String> keys = new LinkedHashMap<>();
	private final Consumer<String> warn;

	public MacroOptions(String options) {
		this(options, w -> { });
	}

	public MacroOptions(String options, Consumer<String> warn) {
		String s = options == null ? "" : options;
		// GenericDialog matches keys against the options followed by a space
		this.options = s.endsWith(" ") ? s : s + " ";
		this.warn = warn == null ? w -> { } : warn;
		int i = 0, n = s.length();
		while (i < n) {
			while (i < n && Character.isWhitespace(s.charAt(i))) i++;
			int k = i;
			while (i < n && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) i++;
			if (k == i) {
				i++;
				continue;
			}
			// case kept: ImageJ matches keys as written, in lower case, so Top=3 is not top (warned by checkKeys)
			String key = s.substring(k, i);
			String value = null;
			if (i < n && s.charAt(i) == '=') {
				i++;
				if (i < n && s.charAt(i) == '[') {
					int end = s.indexOf(']', i + 1);
					if (end < 0) end = n;
					value = s.substring(i + 1, end);
					i = Math.min(n, end + 1);
				} else {
					int start = i;
					while (i < n && !Character.isWhitespace(s.charAt(i))) i++;
					value = s.substring(start, i);
				}
			}
			keys.put(key, value);
		}
	}

	/** Whether the key is written (exactly: keys are lower case, as ImageJ's dialogs record them). */
	public boolean has(String key) {
		return keys.containsKey(key);
	}

	/** Warns once for every key that is not one of {@code valid}, naming the valid keys. */
	public MacroOptions checkKeys(String... valid) {
		List<String> ok = Arrays.asList(valid);
		for (String k : keys.keySet()) {
			if (ok.contains(k)) continue;
			String lower = k.toLowerCase(Locale.ROOT);
			if (ok.contains(lower)) warn.accept("unknown key '" + k + "' (ignored): keys are lower case, write " + lower);
			else warn.accept("unknown key '" + k + "' (ignored); valid keys: " + String.join(", ", valid));
		}
		return this;
	}

	/** A text field: the written value, or {@code dflt} when the key is absent. */
	public String string(String key, String dflt) {
		if (!has(key) || keys.get(key) == null) return dflt;
		String v = Macro.getValue(options, key, null);
		return v == null ? dflt : v;
	}

	/** A checkbox: ticked when the key is written bare or as {@code key=true}; absent means false. */
	public boolean flag(String key) {
		if (!keys.containsKey(key)) return false;
		String v = keys.get(key);
		if (v == null || v.equalsIgnoreCase("true") || v.equals("1")) return true;
		if (v.equalsIgnoreCase("false") || v.equals("0")) return false;
		throw new IllegalArgumentException(key + "=" + v + " is not a checkbox value: write " + key + " to tick it, or leave it out");
	}

	/** A whole number; out of [min, max] it is warned about and brought into the range. */
	public int integer(String key, int dflt, int min, int max) {
		double v = number(key, dflt, min, max);
		if (v != Math.rint(v)) throw new IllegalArgumentException(key + "=" + string(key, "") + " is not a whole number");
		return (int) v;
	}

	/** A number; out of [min, max] it is warned about and brought into the range. */
	public double number(String key, double dflt, double min, double max) {
		String v = string(key, null);
		if (v == null || v.isBlank()) return dflt;
		double d;
		try {
			d = Double.parseDouble(v.trim());
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException(key + "=" + v + " is not a number");
		}
		if (Double.isNaN(d)) throw new IllegalArgumentException(key + "=" + v + " is not a number");
		if (d < min || d > max) {
			String range = max == Double.MAX_VALUE || max == Integer.MAX_VALUE ? "at least " + fmt(min) : "between " + fmt(min) + " and " + fmt(max);
			double c = Math.max(min, Math.min(max, d));
			warn.accept(key + " must be " + range + "; " + key + "=" + v + " taken as " + fmt(c));
			d = c;
		}
		return d;
	}

	/** One of {@code choices} (case-insensitive, returned as spelled there); anything else fails. */
	public String choice(String key, String dflt, String... choices) {
		String v = string(key, null);
		if (v == null) return dflt;
		for (String c : choices) if (c.equalsIgnoreCase(v.trim())) return c;
		throw new IllegalArgumentException(key + "=" + v + " is not one of " + String.join(", ", choices));
	}

	private static String fmt(double d) {
		return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
	}
}
