package io.github.inceptioncam.imagej;

import ij.Prefs;
import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Locale;

/**
 * The values a user last chose in a dialog, remembered in ImageJ's preferences ({@code IJ_Prefs.txt}, which ImageJ
 * writes when it quits) under keys {@code inceptioncam.<command>.<name>}. They are read only to fill a dialog that
 * is about to be shown, never for a macro, a script or a headless run: there an absent key keeps its documented
 * default (an absent checkbox is false), so a recorded line replays the same on any machine.
 */
public final class SettingsStore {
	/** Prefix of every key of ours in ImageJ's preferences. */
	public static final String PREFIX = "inceptioncam.";
	private final String scope;

	/** A store for one command ({@code classify}, {@code batch}, {@code info}, {@code install}); {@code ij1.} scopes the ImageJ 1.x dialogs. */
	public SettingsStore(String scope) {
		this.scope = PREFIX + scope + ".";
	}

	/** The remembered text of {@code name}, or null. */
	public String get(String name) {
		return Prefs.get(scope + name, null);
	}

	public String get(String name, String dflt) {
		String v = get(name);
		return v == null ? dflt : v;
	}

	public void set(String name, Object value) {
		Prefs.set(scope + name, value == null ? "" : value instanceof File ? ((File) value).getPath() : String.valueOf(value));
	}

	/**
	 * The remembered value of {@code name} converted to {@code type} (text, whole or decimal number, checkbox, file);
	 * null when nothing is remembered, the type is not one of these or the text does not convert.
	 */
	public Object get(String name, Class<?> type) {
		String v = get(name);
		if (v == null) return null;
		try {
			if (type == String.class) return v;
			if (type == boolean.class || type == Boolean.class) return Boolean.parseBoolean(v);
			if (type == int.class || type == Integer.class) return Integer.parseInt(v.trim());
			if (type == long.class || type == Long.class) return Long.parseLong(v.trim());
			if (type == double.class || type == Double.class) return Double.parseDouble(v.trim());
			if (type == float.class || type == Float.class) return Float.parseFloat(v.trim());
			if (type == File.class) return v.isBlank() ? null : new File(v);
		} catch (NumberFormatException e) {
			return null;
		}
		return null;
	}

	/** Whether {@link #get(String, Class)} can hold a value of this type. */
	public static boolean storable(Class<?> type) {
		return type == String.class || type == File.class || type == boolean.class || type == Boolean.class || type == int.class || type == Integer.class
			|| type == long.class || type == Long.class || type == double.class || type == Double.class || type == float.class || type == Float.class;
	}

	/** Fills {@code s} with the remembered values of its user-facing fields (every public field but showTable); returns it. */
	public ImageClassifier.Settings load(ImageClassifier.Settings s) {
		for (Field f : settingsFields()) {
			Object v = get(f.getName(), f.getType());
			if (v == null) continue;
			try {
				f.set(s, v);
			} catch (IllegalAccessException e) {
				throw new IllegalStateException(e);
			}
		}
		return s;
	}

	/** Remembers the user-facing fields of {@code s}. */
	public void save(ImageClassifier.Settings s) {
		for (Field f : settingsFields()) {
			try {
				set(f.getName(), f.get(s));
			} catch (IllegalAccessException e) {
				throw new IllegalStateException(e);
			}
		}
	}

	private static java.util.List<Field> settingsFields() {
		java.util.List<Field> out = new java.util.ArrayList<>();
		for (Field f : ImageClassifier.Settings.class.getFields()) {
			int m = f.getModifiers();
			if (Modifier.isStatic(m) || Modifier.isFinal(m) || !storable(f.getType()) || f.getName().equals("showTable")) continue;
			out.add(f);
		}
		return out;
	}

	/** The store of a SciJava command, or null for a command that remembers nothing. */
	static SettingsStore forCommand(Object command) {
		if (command instanceof ClassifyImageCommand) return new SettingsStore("classify");
		if (command instanceof BatchClassifyCommand) return new SettingsStore("batch");
		if (command instanceof ModelInfoCommand) return new SettingsStore("info");
		if (command instanceof InstallGpuCommand) return new SettingsStore("install");
		return null;
	}

	/** The key of a SciJava input: its name lower-cased, as the macro key. */
	static String key(String inputName) {
		return inputName.toLowerCase(Locale.ROOT);
	}
}
