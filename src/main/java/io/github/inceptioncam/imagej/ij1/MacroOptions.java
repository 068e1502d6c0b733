package io.github.inceptioncam.imagej.ij1;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses an ImageJ macro options string ({@code key=value key=[value with spaces] flag}) the way both
 * ImageJ 1.x and Fiji's Recorder write it: a bare key means true, {@code key=true|false} also works.
 * Keys are case-insensitive.
 */
public final class MacroOptions {
	private final Map<String, String> values = new HashMap<>();

	public MacroOptions(String options) {
		String s = options == null ? "" : options;
		int i = 0, n = s.length();
		while (i < n) {
			while (i < n && Character.isWhitespace(s.charAt(i))) i++;
			int k = i;
			while (i < n && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) i++;
			if (k == i) {
				i++;
				continue;
			}
			String key = s.substring(k, i).toLowerCase(Locale.ROOT);
			if (i < n && s.charAt(i) == '=') {
				i++;
				String value;
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
				values.put(key, value);
			} else {
				values.put(key, "true");
			}
		}
	}

	public boolean has(String key) {
		return values.containsKey(key.toLowerCase(Locale.ROOT));
	}

	public String string(String key, String dflt) {
		return values.getOrDefault(key.toLowerCase(Locale.ROOT), dflt);
	}

	/** A boolean: present as a bare key or {@code =true} is true; absent is {@code dflt} in dialogs, false in macros. */
	public boolean bool(String key, boolean dflt) {
		String v = values.get(key.toLowerCase(Locale.ROOT));
		if (v == null) return dflt;
		if (v.equalsIgnoreCase("true") || v.equals("1")) return true;
		if (v.equalsIgnoreCase("false") || v.equals("0")) return false;
		throw new IllegalArgumentException(key + "=" + v + " is not true or false");
	}

	public int integer(String key, int dflt) {
		String v = values.get(key.toLowerCase(Locale.ROOT));
		if (v == null || v.isEmpty()) return dflt;
		try {
			return (int) Math.round(Double.parseDouble(v));
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException(key + "=" + v + " is not a number");
		}
	}

	public double number(String key, double dflt) {
		String v = values.get(key.toLowerCase(Locale.ROOT));
		if (v == null || v.isEmpty()) return dflt;
		try {
			return Double.parseDouble(v);
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException(key + "=" + v + " is not a number");
		}
	}
}
