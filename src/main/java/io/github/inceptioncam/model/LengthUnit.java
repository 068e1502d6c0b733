package io.github.inceptioncam.model;

import java.util.Locale;

/** Length units of pixel sizes (ImageJ calibrations, bioimage.io axes, our sidecar) converted to micrometres. */
public final class LengthUnit {
	private LengthUnit() {}

	/** Micrometres in one {@code unit}, or NaN when the unit is not a length we know (pixel, inch, blank...). */
	public static double micrometres(String unit) {
		if (unit == null) return Double.NaN;
		String u = unit.trim().toLowerCase(Locale.ROOT).replace('\u03bc', '\u00b5');
		switch (u) {
			case "\u00b5m": case "um": case "micron": case "microns": case "micrometer": case "micrometers": case "micrometre": case "micrometres":
				return 1;
			case "nm": case "nanometer": case "nanometers": case "nanometre": case "nanometres":
				return 1e-3;
			case "mm": case "millimeter": case "millimeters": case "millimetre": case "millimetres":
				return 1e3;
			case "cm": case "centimeter": case "centimeters": case "centimetre": case "centimetres":
				return 1e4;
			case "m": case "meter": case "meters": case "metre": case "metres":
				return 1e6;
			case "pm": case "picometer": case "picometers": case "picometre": case "picometres":
				return 1e-6;
			case "\u00e5": case "angstrom": case "angstroms":
				return 1e-4;
			default:
				return Double.NaN;
		}
	}
}
