package io.github.inceptioncam.demo;

import java.util.Locale;

/** The four image-level classes of the demo data set and their labels in labels.csv. */
public enum DemoClass {
	/** Only ordinary interphase nuclei; no box. */
	INTERPHASE("interphase"),
	/** One metaphase plate or one anaphase pair of chromatin bars. */
	MITOSIS("mitosis"),
	/** One nucleus broken into a small cluster of very bright apoptotic bodies. */
	APOPTOSIS("apoptosis"),
	/** One cell with two similar nuclei side by side in a faint cytoplasm. */
	BINUCLEATED("binucleated");

	private final String label;

	DemoClass(String label) {
		this.label = label;
	}

	/** The label written to labels.csv. */
	public String label() {
		return label;
	}

	/** Whether fields of this class have a deciding object and so a box. */
	public boolean hasBox() {
		return this != INTERPHASE;
	}

	/** The class with this label (case-insensitive). */
	public static DemoClass parse(String label) {
		String l = label.trim().toLowerCase(Locale.ROOT);
		for (DemoClass c : values()) if (c.label.equals(l)) return c;
		throw new IllegalArgumentException("unknown class '" + label.trim() + "'; choose from interphase, mitosis, apoptosis, binucleated");
	}
}
